import { describe, expect, it } from 'vitest'
import { outboxBadge, overlayDot } from '../../../electron/main/desktop/outbox-badge'

describe('the outbox badge', () => {
  it('counts waiting and refused changes, and clears when the outbox is empty', () => {
    expect(outboxBadge({ pending: 0, failed: 0 })).toEqual({ count: 0, description: null })
    expect(outboxBadge({ pending: 1, failed: 0 })).toEqual({
      count: 1,
      description: '1 change in the outbox',
    })
    expect(outboxBadge({ pending: 3, failed: 2 })).toEqual({
      count: 5,
      description: '5 changes in the outbox (2 refused by the provider)',
    })
  })

  it('draws the Windows overlay as a round dot: opaque inside, clear in the corners', () => {
    const size = 16
    const pixel = (bitmap: Buffer, x: number, y: number) => {
      const at = (y * size + x) * 4
      return { b: bitmap[at], g: bitmap[at + 1], r: bitmap[at + 2], a: bitmap[at + 3] }
    }
    const waiting = overlayDot(size, false)
    expect(waiting).toHaveLength(size * size * 4)
    expect(pixel(waiting, 8, 8)).toEqual({ b: 0x00, g: 0x8a, r: 0xe8, a: 255 })
    for (const [x, y] of [
      [0, 0],
      [15, 0],
      [0, 15],
      [15, 15],
    ] as const) {
      expect(pixel(waiting, x, y).a).toBe(0)
    }
    // The edge is softened: partly covered pixels lie between clear and opaque.
    const edge = pixel(waiting, 2, 2).a!
    expect(edge).toBeGreaterThan(0)
    expect(edge).toBeLessThan(255)
    expect(pixel(overlayDot(size, true), 8, 8)).toEqual({ b: 0x20, g: 0x2d, r: 0xd9, a: 255 })
  })
})
