/** Addresses that may leave the app: share links and provider pages, always over https. */

/** Whether `url` is an absolute https address (no other scheme ever leaves the app). */
export function isHttpsUrl(url: string): boolean {
  // Written out in full: URL parsing would also accept `https:host` and `https:/host`.
  if (!/^https:\/\/[^/\\]/i.test(url)) return false
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' && parsed.hostname.length > 0
  } catch {
    return false
  }
}

/**
 * Whether `url` is an http address on 127.0.0.1: what the provider simulators serve, so that
 * links made in the sandbox and in tests work too. Never any other plain-http host.
 */
export function isLoopbackHttpUrl(url: string): boolean {
  if (!/^http:\/\/127\.0\.0\.1[:/]/i.test(url)) return false
  try {
    const parsed = new URL(url)
    return (
      parsed.protocol === 'http:' &&
      parsed.hostname === '127.0.0.1' &&
      !parsed.username &&
      !parsed.password
    )
  } catch {
    return false
  }
}
