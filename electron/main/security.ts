// A relative import: electron.vite.config.ts loads this file before any alias exists.
import { isHttpsUrl } from '../../shared/urls'

/**
 * The security settings both shells apply to the renderer. Kept free of Electron so that the
 * build (CSP meta tag), the web host (CSP header) and the tests read the same values.
 */

/** No remote content: scripts, styles, images and connections only from the app itself. */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** The web preferences of every app window. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
  } as const
}

/** Only https links (share links, provider pages) may leave the app, and only to the system browser. */
export function isSafeExternalUrl(url: string): boolean {
  return isHttpsUrl(url)
}

/**
 * Where a provider's sign-in page may be opened in the system browser: https, or the sandbox
 * simulators and test servers on this computer (http://127.0.0.1).
 */
export function isSafeSignInUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    if (parsed.username || parsed.password) return false
    return (
      parsed.protocol === 'https:' ||
      (parsed.protocol === 'http:' && parsed.hostname === '127.0.0.1')
    )
  } catch {
    return false
  }
}
