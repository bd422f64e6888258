/**
 * The tolerant reader the wire shapes are built with: a strict floor, unknown values that read as
 * unknown with a reason, numbers sent as text read as numbers, undocumented keys reported.
 */
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  documented,
  failureReasons,
  readTolerant,
  selectable,
  tolerant,
  tolerantAnswer,
  tolerantNumber,
} from '../../../electron/main/providers/tolerant'

const Shape = documented({
  id: z.number().int(),
  name: tolerant(z.string()),
  size: tolerantNumber(z.number().min(0).nullable()),
  kind: tolerant(z.enum(['box', 'tent'])),
  bodies: tolerant(z.array(tolerant(z.enum(['box', 'tent'])))),
  note: tolerant(z.string().optional()),
  place: documented({ country: z.string().regex(/^[a-z]{2}$/), city: tolerant(z.string()) }),
  created: tolerant(z.iso.datetime({ offset: true }).optional()),
})

describe('readTolerant', () => {
  it('reads a documented item as it is, with nothing to report', () => {
    const raw = {
      id: 1,
      name: 'A',
      size: null,
      kind: 'box',
      bodies: ['tent'],
      place: { country: 'pl', city: 'Łódź' },
    }
    expect(readTolerant(Shape, raw)).toEqual({ ok: true, value: raw, oddities: [] })
  })

  it('reads what it can and says what it could not, keeping the value for the rest', () => {
    const reading = readTolerant(Shape, {
      id: 2,
      name: 17,
      size: '12.5',
      kind: 'rocket',
      bodies: ['box', 'sled', 'tent'],
      place: { country: 'de', city: null, district: 'Mitte' },
      extra: { any: 'thing' },
    })
    expect(reading.ok).toBe(true)
    if (!reading.ok) return
    expect(reading.value).toEqual({
      id: 2,
      size: 12.5,
      bodies: ['box', 'tent'],
      place: { country: 'de' },
    })
    expect(reading.oddities).toEqual([
      { path: 'name', reason: 'expected a string, got 17' },
      { path: 'size', reason: 'a number sent as text (text "12.5")' },
      { path: 'kind', reason: 'unknown value text "rocket"' },
      { path: 'bodies[1]', reason: 'unknown value text "sled"' },
      { path: 'place.city', reason: 'expected a string, got null' },
      { path: 'place.district', reason: 'not in the documentation (kept in the raw payload)' },
      { path: 'extra', reason: 'not in the documentation (kept in the raw payload)' },
    ])
  })

  it('notes a documented key that is missing, unless the documentation says it may be', () => {
    const reading = readTolerant(Shape, { id: 3, place: { country: 'fr' } })
    expect(
      reading.ok && reading.oddities.map((oddity) => `${oddity.path}: ${oddity.reason}`),
    ).toEqual([
      'name: missing',
      'size: missing',
      'kind: missing',
      'bodies: missing',
      'place.city: missing',
    ])
  })

  it('fails only at the floor, naming the fields and short values', () => {
    const reading = readTolerant(Shape, { id: 'x', name: 'A', place: { country: 'Poland' } })
    expect(reading.ok).toBe(false)
    if (reading.ok) return
    expect(failureReasons(reading.error, { id: 'x', place: { country: 'Poland' } })).toEqual([
      'id: expected a number, got text "x"',
      'place.country: not in the documented form: text "Poland"',
    ])
    expect(readTolerant(Shape, 'not an object').ok).toBe(false)
  })

  it('says which form a time was not in', () => {
    const reading = readTolerant(Shape, { id: 5, created: 'yesterday', place: { country: 'pl' } })
    expect(reading.ok && reading.oddities.find((each) => each.path === 'created')?.reason).toBe(
      'not a valid datetime: text "yesterday"',
    )
  })

  it('never shows a long text whole in a reason', () => {
    const reading = readTolerant(Shape, { id: 4, kind: 'x'.repeat(200), place: { country: 'pl' } })
    const reason = reading.ok ? reading.oddities.find((each) => each.path === 'kind')?.reason : ''
    expect(reason?.length).toBeLessThan(80)
  })

  it('reads answers that hold only the selected keys', () => {
    const Selected = documented({ ...selectable({ name: tolerant(z.string()) }), id: z.number() })
    expect(readTolerant(Selected, { id: 5 })).toEqual({ ok: true, value: { id: 5 }, oddities: [] })
  })

  it('reads a whole answer for an HTTP client, failing it only at the floor', () => {
    const answer = tolerantAnswer(Shape)
    expect(
      answer.parse({ id: 6, name: 'B', place: { country: 'it', city: 'Rome' }, x: 1 }),
    ).toEqual({
      value: { id: 6, name: 'B', place: { country: 'it', city: 'Rome' } },
      oddities: [
        'size: missing',
        'kind: missing',
        'bodies: missing',
        'x: not in the documentation (kept in the raw payload)',
      ],
    })
    const refused = answer.safeParse({ name: 'C' })
    expect(refused.success).toBe(false)
    expect(refused.error?.issues.map((issue) => issue.message)).toEqual([
      'id: missing',
      'place: missing',
    ])
  })
})
