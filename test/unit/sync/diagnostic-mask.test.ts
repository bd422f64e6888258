/**
 * What a diagnostic may not carry to support: secrets, e-mail addresses and phone numbers, in
 * payloads and in text; and what it must keep readable: ids, dates, references, postal codes.
 */
import { describe, expect, it } from 'vitest'
import { documentedFreights } from '../../../electron/main/simulators/transeu/documented-examples'
import {
  maskedEmail,
  maskedPhone,
  maskedSecret,
  maskJson,
  maskText,
} from '../../../electron/main/services/diagnostic-mask'

describe('maskText', () => {
  it.each([
    ['call +48 601 234 567 before loading', `call ${maskedPhone} before loading`],
    ['tel. 0048 (22) 123-45-67', `tel. ${maskedPhone}`],
    ['Mob: 601234567.', `Mob: ${maskedPhone}.`],
    ['Ask petras@spotgo.eu or jan.nowak+ops@wisla.example', `Ask ${maskedEmail} or ${maskedEmail}`],
    [
      'Authorization: Bearer eyJhbGciOi.eyJzdWIi.c2lnbmF0dXJl',
      `Authorization: Bearer ${maskedSecret}`,
    ],
    ['token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig', `token ${maskedSecret}`],
    [
      'https://app-test.spotgo.eu/public/freights?token=MDE5OGJj.uLF15iy%2BFGPUA0lX4mcGuA%3D%3D&x=1',
      `https://app-test.spotgo.eu/public/freights?token=${maskedSecret}&x=1`,
    ],
  ])('masks %s', (text, masked) => {
    expect(maskText(text)).toBe(masked)
  })

  it.each([
    'created: 2026-02-23T13:08:11+01:00',
    'at 2026-02-23 13:30:58 +00:00',
    'reference FR/2026/02/23/2NTS, trans id 1007374-1, postal code 54-128',
    'id 3830015, publication 3304223',
    'exchange 006e95ea-f307-4a67-bc28-336dfc1cd679 and 12345678-1234-4234-8234-123456789012',
    'document 01JQ8MZ0P94HR6HSH1DGY5VNH9',
    'payment.from: a number sent as text (text "1450")',
  ])('keeps %s as it is', (text) => {
    expect(maskText(text)).toBe(text)
  })
})

describe('maskJson', () => {
  it('masks by the key that holds a value, and by what a text holds', () => {
    expect(
      maskJson({
        apiKey: 'sg_abc',
        access_token: 'x',
        password: 'hunter2',
        Authorization: 'Bearer y',
        token: 'fe159e37-c4e8-4f03-ba0e-8b562b78e409',
        phone: 48601234567,
        driverPhone: '+48 601 234 567',
        email: 'not even an address',
        owner: 'dispatch@wisla.example',
        comments: 'Ring Jan at +48 601 234 567 or jan@wisla.example',
        nested: [{ contact: { mobile: '601 234 567' } }],
        id: 3830015,
        trans_id: '1007374-1',
      }),
    ).toEqual({
      apiKey: maskedSecret,
      access_token: maskedSecret,
      password: maskedSecret,
      Authorization: maskedSecret,
      token: maskedSecret,
      phone: maskedPhone,
      driverPhone: maskedPhone,
      email: maskedEmail,
      owner: maskedEmail,
      comments: `Ring Jan at ${maskedPhone} or ${maskedEmail}`,
      nested: [{ contact: { mobile: maskedPhone } }],
      id: 3830015,
      trans_id: '1007374-1',
    })
  })

  it("leaves the platform's documented example freights as they are: nothing in them is personal", () => {
    expect(maskJson(documentedFreights)).toEqual(documentedFreights)
  })
})
