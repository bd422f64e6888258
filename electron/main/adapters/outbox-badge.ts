/** Shows the outbox count on the app's icon (`desktop/outbox-badge.ts` decides what). */
import { app, nativeImage, type BrowserWindow } from 'electron'
import { outboxBadge, overlayBadge, type OutboxCounts } from '../desktop/outbox-badge'

const overlaySize = 16

export function showOutboxBadge(counts: OutboxCounts, window: BrowserWindow | null): void {
  const badge = outboxBadge(counts)
  if (process.platform !== 'win32') {
    // The dock on macOS, the launcher on Linux desktops that have one.
    app.setBadgeCount(badge.count)
    return
  }
  if (!window || window.isDestroyed()) return
  if (badge.description === null) {
    window.setOverlayIcon(null, '')
    return
  }
  const bitmap = overlayBadge(overlaySize, badge.count, counts.failed > 0)
  const image = nativeImage.createFromBitmap(bitmap, { width: overlaySize, height: overlaySize })
  window.setOverlayIcon(image, badge.description)
}
