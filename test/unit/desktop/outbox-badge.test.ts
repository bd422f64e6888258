import { describe, expect, it } from 'vitest'
import { outboxBadge, overlayBadge, overlayText } from '../../../electron/main/desktop/outbox-badge'

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

  const size = 16
  const pixel = (bitmap: Buffer, x: number, y: number) => {
    const at = (y * size + x) * 4
    return { b: bitmap[at], g: bitmap[at + 1], r: bitmap[at + 2], a: bitmap[at + 3] }
  }
  /** The white pixels of a bitmap, as "x,y". */
  const lit = (bitmap: Buffer) => {
    const found: string[] = []
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) {
        const { r, g, b, a } = pixel(bitmap, x, y)
        if (r === 255 && g === 255 && b === 255 && a === 255) found.push(`${x},${y}`)
      }
    return found
  }

  it('draws the Windows overlay as a round dot: opaque inside, clear in the corners', () => {
    const waiting = overlayBadge(size, 1, false)
    expect(waiting).toHaveLength(size * size * 4)
    expect(pixel(waiting, 8, 1)).toEqual({ b: 0x00, g: 0x8a, r: 0xe8, a: 255 })
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
    expect(pixel(overlayBadge(size, 1, true), 8, 1)).toEqual({ b: 0x20, g: 0x2d, r: 0xd9, a: 255 })
  })

  it('writes the count on the dot: a different image for every count up to 99, then 99+', () => {
    const images = new Map<string, number>()
    for (let count = 1; count <= 99; count++) {
      const key = lit(overlayBadge(size, count, false)).join(' ')
      expect(images.get(key), `count ${count} looks like ${images.get(key)}`).toBeUndefined()
      images.set(key, count)
    }
    expect(overlayText(100)).toBe('99+')
    expect(lit(overlayBadge(size, 250, false))).toEqual(lit(overlayBadge(size, 100, false)))
    expect(lit(overlayBadge(size, 250, false))).not.toEqual(lit(overlayBadge(size, 99, false)))
  })

  it('keeps the number inside the opaque dot, centred, one digit drawn large', () => {
    for (const count of [1, 8, 42, 100]) {
      const points = lit(overlayBadge(size, count, false)).map((each) =>
        each.split(',').map(Number),
      )
      const xs = points.map(([x]) => x!)
      const ys = points.map(([, y]) => y!)
      // Centred within a pixel, and every white pixel has the dot's colour around it.
      expect(Math.abs(Math.min(...xs) + Math.max(...xs) - (size - 1))).toBeLessThanOrEqual(1)
      expect(Math.abs(Math.min(...ys) + Math.max(...ys) - (size - 1))).toBeLessThanOrEqual(1)
      for (const [x, y] of points) {
        const dx = x! + 0.5 - size / 2
        const dy = y! + 0.5 - size / 2
        expect(Math.hypot(dx, dy)).toBeLessThan(size / 2 - 1)
      }
      const height = Math.max(...ys) - Math.min(...ys) + 1
      expect(height).toBe(count < 10 ? 10 : 5)
    }
  })
})
