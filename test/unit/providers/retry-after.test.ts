import { describe, expect, it } from 'vitest'
import { parseRetryAfter } from '../../../electron/main/providers/http'

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000)
    expect(parseRetryAfter(null)).toBeNull()
    expect(parseRetryAfter('soon')).toBeNull()
    const at = Date.parse('2026-03-02T09:00:00Z')
    expect(parseRetryAfter('Mon, 02 Mar 2026 09:00:10 GMT', at)).toBe(10_000)
  })
})
