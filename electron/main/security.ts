/**
 * The security settings both shells apply to the renderer. Kept free of Electron so that the
 * build (CSP meta tag), the web host (CSP header) and the tests read the same values.
 */

const pageDirectives = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
]

/**
 * No remote content: scripts, styles, images and connections only from the app itself, and the
 * page framed by nothing. Sent as a header by both shells (the app's protocol and the web host).
 */
export const contentSecurityPolicy = [...pageDirectives, "frame-ancestors 'none'"].join('; ')

/**
 * The same policy for the page's meta tag, without `frame-ancestors`: browsers ignore that
 * directive in a meta tag and log an error for it; the header carries it.
 */
export const metaContentSecurityPolicy = pageDirectives.join('; ')

/** The web preferences of every app window; DevTools only in development builds. */
export function secureWebPreferences(preloadPath: string, options: { devTools: boolean }) {
  return {
    preload: preloadPath,
    devTools: options.devTools,
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
