/**
 * Provider-shaped ids drawn from a seeded source: GUIDs (SpotGo) and ULIDs (Crego). The same
 * source gives the same ids on every run.
 */
import type { Random } from './random'
import { utcSeconds } from './time'

const hex = '0123456789abcdef'
const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** A version-4-shaped GUID ("3f2b...-4...-8...-..."). */
export function guid(random: Random): string {
  let text = ''
  for (let i = 0; i < 32; i++) {
    let digit = random.int(0, 15)
    if (i === 12) digit = 4
    if (i === 16) digit = 8 + (digit % 4)
    text += hex[digit]
    if (i === 7 || i === 11 || i === 15 || i === 19) text += '-'
  }
  return text
}

/** A ULID: 10 characters of millisecond time, then 16 random ones (26 in all, Crockford base 32). */
export function ulid(random: Random, instant: number): string {
  let time = ''
  let rest = Math.max(0, Math.floor(instant))
  for (let i = 0; i < 10; i++) {
    time = crockford[rest % 32] + time
    rest = Math.floor(rest / 32)
  }
  let tail = ''
  for (let i = 0; i < 16; i++) tail += crockford[random.int(0, 31)]
  return time + tail
}

/** Upper-case letters and digits, e.g. the "2NTS" of a Trans.eu reference. */
export function code(random: Random, length: number): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
  let text = ''
  for (let i = 0; i < length; i++) text += alphabet[random.int(0, alphabet.length - 1)]
  return text
}

/** The dispatcher's own order number, "ZL/2026/010023", from the entry time and a serial. */
export function orderNumber(createdAt: number, serial: number): string {
  return ['ZL/', utcSeconds(createdAt).slice(0, 4), '/', String(serial).padStart(6, '0')].join('')
}
