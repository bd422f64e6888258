/**
 * The public, read-only page behind a SpotGo share link (`/public/freights?token=...`): 200 until
 * `validUntil`, then 410.
 */
import { timeZoneOfCountry } from '../data/geocode'
import { localDateTime, utcSeconds } from '../data/time'
import { escapeHtml, pageReply } from '../http/html'
import type { Reply } from '../http/router'
import { trailerTypeNames, vehicleTypeNames, type Freight, type Location } from './shapes'
import type { SpotGoShare } from './state'

export function sharePage(
  share: SpotGoShare | undefined,
  now: number,
  freightById: (id: string) => Freight | undefined,
): Reply {
  if (!share) {
    return pageReply(
      404,
      'Link not found',
      '<h1>This link does not exist</h1><p>Check that the whole link was copied.</p>',
    )
  }
  if (now >= share.validUntil) {
    return pageReply(
      410,
      'Link expired',
      `<h1>This link has expired</h1><p>It was valid until ${escapeHtml(utcSeconds(share.validUntil))} (UTC). Ask the sender for a new link.</p>`,
    )
  }
  const rows = share.freightIds.map((id) => {
    const freight = freightById(id)
    if (!freight) {
      return `<tr><td colspan="6" class="muted">A freight in this link was withdrawn.</td></tr>`
    }
    const [loading, unloading] = freight.locations
    const trailer = freight.requirements.trailerTypes
      .map((type) => trailerTypeNames[type] ?? `type ${type}`)
      .join(', ')
    const vehicle = freight.requirements.vehicleTypes
      .map((type) => vehicleTypeNames[type] ?? `type ${type}`)
      .join(', ')
    const price = freight.payment
      ? `${freight.payment.from} ${freight.payment.currency}, ${freight.payment.term} days`
      : 'on request'
    return `<tr>
      <td>${escapeHtml(freight.externalNumber)}</td>
      <td>${place(loading)} &rarr; ${place(unloading)}</td>
      <td>${window(loading)}</td>
      <td>${window(unloading)}</td>
      <td>${escapeHtml(`${trailer}; ${vehicle}`)}${freight.requirements.ldm ? `, ${freight.requirements.ldm} ldm` : ''}</td>
      <td>${escapeHtml(price)}</td>
    </tr>`
  })
  return pageReply(
    200,
    'Shared freights',
    `<h1>Shared freights</h1>
    <p class="muted">Shared by ${escapeHtml(share.ownerEmail)}; valid until ${escapeHtml(utcSeconds(share.validUntil))} (UTC).</p>
    <table><thead><tr><th>Reference</th><th>Route</th><th>Loading</th><th>Unloading</th><th>Truck</th><th>Price</th></tr></thead>
    <tbody>${rows.join('')}</tbody></table>`,
  )
}

function place(location: Location | undefined): string {
  if (!location) return ''
  const { countryCode, postalCode, city } = location.address
  return escapeHtml(`${countryCode} ${postalCode} ${city}`)
}

/** The window in the place's local time, as dispatchers read it. */
function window(location: Location | undefined): string {
  if (!location) return ''
  const zone = timeZoneOfCountry(location.address.countryCode)
  const show = (instant: string) => {
    const ms = Date.parse(instant)
    return zone ? localDateTime(zone, ms).replace('T', ' ').slice(0, 16) : utcSeconds(ms)
  }
  return escapeHtml(
    `${show(location.period.startDate)} to ${show(location.period.endDate)}${zone ? ` (${zone})` : ' (UTC)'}`,
  )
}
