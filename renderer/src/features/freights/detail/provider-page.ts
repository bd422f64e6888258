import type { Freight } from '@shared/domain/freight'

/**
 * The provider's own web page of a freight, where one is known. Neither provider's documentation
 * (see docs/providers.md) gives a page address for a freight, only API hosts, so there is none to
 * link yet; the first documented pattern goes here, and the detail panel shows an "Open on ..."
 * link (through `app.openExternal`) as soon as this returns one.
 */
export function providerPageUrl(_freight: Freight): string | null {
  return null
}
