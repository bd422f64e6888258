/**
 * The desktop app's page comes from its own `app://freightdesk/` origin, not from file://: every
 * answer carries the Content-Security-Policy as a header (a meta tag cannot hold all of it), and
 * only files of the built renderer are ever served. Electron-free (web Request and Response), so
 * the shell registers it and tests call it as it is.
 */
import { readFile } from 'node:fs/promises'
import { MalformedPath, resolveRendererFile } from './renderer-files'
import { contentSecurityPolicy } from './security'

export const appScheme = 'app'
export const appHost = 'freightdesk'
/** The page the app window loads. */
export const appPageUrl = `${appScheme}://${appHost}/index.html`

/** Whether `url` is the app's own page (any route of it), the only page allowed in the window. */
/**
 * electron-vite's dev server (`npm run dev`, hot reload) as the page's origin, when the given
 * address is plain http on this computer; anything else is refused (null).
 */
export function devServerOrigin(url: string | undefined): string | null {
  if (!url) return null
  try {
    const parsed = new URL(url)
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)
    return parsed.protocol === 'http:' && local ? parsed.origin : null
  } catch {
    return null
  }
}

export function isAppPage(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost
  } catch {
    return false
  }
}

const securityHeaders = {
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
}

/** Answers requests for `app://freightdesk/...` from the files in `rendererDir`. */
export function createAppProtocolHandler(rendererDir: string) {
  const answer = (status: number, text: string) =>
    new Response(text, {
      status,
      headers: { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8' },
    })
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, 'GET only.')
    const url = new URL(request.url)
    if (url.protocol !== `${appScheme}:` || url.host !== appHost) return answer(404, 'Not found.')
    let found
    try {
      found = await resolveRendererFile(rendererDir, url.pathname)
    } catch (error) {
      if (error instanceof MalformedPath) return answer(400, error.message)
      throw error
    }
    if (!found) return answer(404, 'Not found.')
    const body = await readFile(found.file)
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        ...securityHeaders,
        'content-type': found.contentType,
        'cache-control': found.cacheControl,
      },
    })
  }
}
