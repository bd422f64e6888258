/** Opens share links and provider pages in the system browser through the shell. */
import { appError } from '@shared/errors'
import { isHttpsUrl, isLoopbackHttpUrl } from '@shared/urls'

export interface ExternalLinksService {
  open(url: string): Promise<{ opened: boolean }>
}

/**
 * `openExternal` is the shell's port; absent where the shell has no system browser to hand to.
 * `providerOrigins` lists the origins of the accounts' provider addresses: a plain-http link is
 * opened only on 127.0.0.1 and only when it points at one of them (a simulator's share page).
 */
export function createExternalLinksService(deps: {
  openExternal?: (url: string) => Promise<void>
  providerOrigins?: () => ReadonlySet<string>
}): ExternalLinksService {
  return {
    async open(url) {
      // The contract checks this too; the service is the last door before the operating system.
      const allowed =
        isHttpsUrl(url) ||
        (isLoopbackHttpUrl(url) && (deps.providerOrigins?.().has(new URL(url).origin) ?? false))
      if (!allowed) {
        throw appError('validation', 'Only https:// addresses can be opened.', {
          fields: { url: 'Must be an https:// address' },
        })
      }
      if (!deps.openExternal) return { opened: false }
      await deps.openExternal(url)
      return { opened: true }
    },
  }
}
