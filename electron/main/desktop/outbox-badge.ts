/**
 * The outbox count on the app's icon: changes waiting to be sent (or refused) stay visible while
 * the window is minimised or behind others. macOS and Linux show the number on the dock or
 * launcher icon; Windows shows a dot over the taskbar button, with the count in its description.
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

/**
 * The Windows overlay: a filled dot, `size` pixels square, as Electron's raw bitmaps are laid out
 * (BGRA, premultiplied by alpha), edges softened by four samples per axis. Orange when changes wait,
 * red when the provider refused some.
 */
export function overlayDot(size: number, refused: boolean): Buffer {
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
