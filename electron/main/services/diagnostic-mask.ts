/**
 * Masks what a diagnostic must not carry to support: secrets (by the name of the key that holds
 * them, bearer and JSON web tokens, and credentials in link queries), e-mail addresses and phone
 * numbers, wherever they stand in a provider's payload or in a line of text. Ids, dates, postal
 * codes, prices and references stay readable: they are what support needs.
 */

export const maskedSecret = '[secret removed]'
export const maskedEmail = '[e-mail removed]'
export const maskedPhone = '[phone removed]'

/** Keys whose value is a secret, whatever it looks like. */
const secretKey =
  /pass(word|wd)?$|secret|token|api[-_]?key|authori[sz]ation|credential|signature|cookie/i
/** Keys whose value is a phone number. */
const phoneKey = /phone|^tel(ephone)?$|mobile|^fax$|^gsm$/i
/** Keys whose value is an e-mail address. */
const emailKey = /e-?mail/i

const email = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g
/**
 * A phone number: 9 to 15 digits, perhaps after + or 00, in groups split by spaces, dots,
 * dashes or brackets; not glued to letters, slashes, colons or more digits (so dates with times,
 * ids such as UUIDs, references such as FR/2026/02/23/2NTS and postal codes stay).
 */
const phone = /(?<![\w/:.+-])(?:\+|00)?\(?\d(?:[ ().-]{0,2}\d){8,14}(?![\w/:]|[.-]\d)/g
const bearer = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi
const jwt = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g
const credentialInQuery =
  /([?&](?:token|access_token|refresh_token|api[-_]?key|key|code|password|secret)=)[^&#\s"']+/gi

/** A line of text with every secret, e-mail address and phone number masked. */
export function maskText(text: string): string {
  return text
    .replace(bearer, `$1 ${maskedSecret}`)
    .replace(jwt, maskedSecret)
    .replace(credentialInQuery, `$1${maskedSecret}`)
    .replace(email, maskedEmail)
    .replace(phone, maskedPhone)
}

/** A JSON value with secrets, e-mail addresses and phone numbers masked (keys kept). */
export function maskJson(value: unknown, key = ''): unknown {
  if (value === null || value === undefined) return value
  if (key && secretKey.test(key)) return maskedSecret
  if (key && phoneKey.test(key)) return maskedPhone
  if (key && emailKey.test(key) && typeof value === 'string') return maskedEmail
  if (typeof value === 'string') return maskText(value)
  if (Array.isArray(value)) return value.map((item) => maskJson(item, key))
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([name, item]) => [
        name,
        maskJson(item, name),
      ]),
    )
  }
  return value
}
