/**
 * Opens share links and provider pages in the system browser through the shell. Without asking
 * only https addresses the app has reason to trust: the providers' documented hosts, the addresses
 * of the dispatcher's accounts, and share links the app made. Any other https address opens only
 * after the dispatcher saw it in a confirmation and agreed; nothing else opens at all.
 */
import { providerEnvironments } from '@shared/domain/account'
import { appError } from '@shared/errors'
import { isHttpsUrl, isLoopbackHttpUrl } from '@shared/urls'

export interface ExternalLinksService {
  /** `declined`: the dispatcher was asked and said no (the page must not open it either). */
  open(url: string): Promise<{ opened: boolean; declined?: boolean }>
}

/** The https origins of the providers' documented environments. */
export const providerOrigins: ReadonlySet<string> = new Set(
  Object.values(providerEnvironments).flatMap((environments) =>
    Object.values(environments as Record<string, { baseUrl: string; authBaseUrl?: string }>)
      .flatMap((environment) => [
        environment.baseUrl,
        environment.authBaseUrl ?? environment.baseUrl,
      ])
      .map((address) => new URL(address).origin),
  ),
)

export interface ExternalLinksDeps {
  /** The shell's port; absent where the shell has no system browser to hand to. */
  openExternal?: (url: string) => Promise<void>
  /**
   * Asks the dispatcher whether to open an address that is not on the allow-list, showing it in
   * full; absent where there is no one to ask (such an address then opens nowhere from main).
   */
  confirmExternal?: (url: string) => Promise<boolean>
  /** Origins of the accounts' addresses and of running simulators. */
  accountOrigins?: () => ReadonlySet<string>
  /** Whether the share history holds exactly this link. */
  isShareLink?: (url: string) => boolean
}

export function createExternalLinksService(deps: ExternalLinksDeps): ExternalLinksService {
  const trusted = (url: string) => {
    const origin = new URL(url).origin
    return (
      providerOrigins.has(origin) ||
      (deps.accountOrigins?.().has(origin) ?? false) ||
      (deps.isShareLink?.(url) ?? false)
    )
  }
  return {
    async open(url) {
      // The contract checks this too; the service is the last door before the operating system.
      const https = isHttpsUrl(url)
      // Plain http only on 127.0.0.1 at an account's address or a running simulator.
      const loopback =
        isLoopbackHttpUrl(url) && (deps.accountOrigins?.().has(new URL(url).origin) ?? false)
      if (!https && !loopback) {
        throw appError('validation', 'Only https:// addresses can be opened.', {
          fields: { url: 'Must be an https:// address' },
        })
      }
      if (!deps.openExternal) return { opened: false }
      if (!loopback && !trusted(url)) {
        if (!deps.confirmExternal) return { opened: false, declined: true }
        if (!(await deps.confirmExternal(url))) return { opened: false, declined: true }
      }
      await deps.openExternal(url)
      return { opened: true }
    },
  }
}
