/** Opens https addresses (provider pages, share links) in the system browser through the shell. */
import { appError } from '@shared/errors'
import { isHttpsUrl } from '@shared/urls'

export interface ExternalLinksService {
  open(url: string): Promise<{ opened: boolean }>
}

/** `openExternal` is the shell's port; absent where the shell has no system browser to hand to. */
export function createExternalLinksService(deps: {
  openExternal?: (url: string) => Promise<void>
}): ExternalLinksService {
  return {
    async open(url) {
      // The contract checks this too; the service is the last door before the operating system.
      if (!isHttpsUrl(url)) {
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
