/** A freight link's expiry as SpotGo wants it: a .NET TimeSpan (`hh:mm:ss`, `d.hh:mm:ss`). */
import { shareExpiryMs, type ShareExpiry } from '@shared/domain/shares'
import { formatTimeSpan } from '../providers/spotgo/wire'

/** `{preset: '8h'}` -> `08:00:00`; `{preset: '7d'}` -> `7.00:00:00`; custom days, hours, minutes likewise. */
export function expiryTimeSpan(expiry: ShareExpiry): string {
  return formatTimeSpan(shareExpiryMs(expiry))
}
