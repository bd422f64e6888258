/**
 * The outbox count on the app's icon: changes waiting to be sent (or refused) stay visible while
 * the window is minimised or behind others. macOS and Linux show the number on the dock or
 * launcher icon; Windows shows a dot with the number over the taskbar button (Windows has no badge
 * count of its own), with the count in its description.
 */

export interface OutboxCounts {
  pending: number
  failed: number
}

export interface OutboxBadge {
  /** What the dock or launcher shows; 0 clears it. */
  count: number
  /** The Windows taskbar overlay's description (read by screen readers); null clears the overlay. */
  description: string | null
}

export function outboxBadge({ pending, failed }: OutboxCounts): OutboxBadge {
  const count = Math.max(0, pending) + Math.max(0, failed)
  if (count === 0) return { count: 0, description: null }
  const changes = count === 1 ? '1 change' : `${count} changes`
  const refused = failed > 0 ? ` (${failed} refused by the provider)` : ''
  return { count, description: `${changes} in the outbox${refused}` }
}

/** A 3 x 5 pixel font for the overlay's number: one string a row, `#` lit. */
// prettier-ignore
export const overlayGlyphs: Readonly<Record<string, readonly string[]>> = {
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['###', '..#', '###', '#..', '###'],
  '3': ['###', '..#', '.##', '..#', '###'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '###', '..#', '###'],
  '6': ['###', '#..', '###', '#.#', '###'],
  '7': ['###', '..#', '.#.', '.#.', '.#.'],
  '8': ['###', '#.#', '###', '#.#', '###'],
  '9': ['###', '#.#', '###', '..#', '###'],
  '+': ['...', '.#.', '###', '.#.', '...'],
}

/** What the overlay writes for a count: the number up to 99, then "99+". */
export function overlayText(count: number): string {
  return count > 99 ? '99+' : String(Math.max(0, Math.floor(count)))
}

/**
 * The Windows overlay: a filled dot, `size` pixels square, as Electron's raw bitmaps are laid out
 * (BGRA, premultiplied by alpha), edges softened by four samples per axis, with the count in white
 * (one digit at twice the font's size, more at its size). Orange when changes wait, red when the
 * provider refused some.
 */
export function overlayBadge(size: number, count: number, refused: boolean): Buffer {
  const bitmap = overlayDot(size, refused)
  const text = overlayText(count)
  const scale = text.length === 1 ? 2 : 1
  const width = (text.length * 4 - 1) * scale
  const left = Math.floor((size - width) / 2)
  const top = Math.floor((size - 5 * scale) / 2)
  ;[...text].forEach((character, index) => {
    const glyph = overlayGlyphs[character] ?? []
    glyph.forEach((row, y) => {
      ;[...row].forEach((lit, x) => {
        if (lit !== '#') return
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            const px = left + (index * 4 + x) * scale + dx
            const py = top + y * scale + dy
            bitmap.fill(255, (py * size + px) * 4, (py * size + px) * 4 + 4)
          }
        }
      })
    })
  })
  return bitmap
}

function overlayDot(size: number, refused: boolean): Buffer {
  const [r, g, b] = refused ? [0xd9, 0x2d, 0x20] : [0xe8, 0x8a, 0x00]
  const bitmap = Buffer.alloc(size * size * 4)
  const radius = size / 2
  const samples = 4
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let inside = 0
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const dx = x + (sx + 0.5) / samples - radius
          const dy = y + (sy + 0.5) / samples - radius
          if (dx * dx + dy * dy <= radius * radius) inside++
        }
      }
      const alpha = inside / (samples * samples)
      const at = (y * size + x) * 4
      bitmap[at] = Math.round(b * alpha)
      bitmap[at + 1] = Math.round(g * alpha)
      bitmap[at + 2] = Math.round(r * alpha)
      bitmap[at + 3] = Math.round(255 * alpha)
    }
  }
  return bitmap
}
