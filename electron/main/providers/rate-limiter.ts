/**
 * Client-side pacing per provider account, so that 429 stays the exception: a sliding window of
 * request starts (at most `limit` in any `windowMs + marginMs`). It meters starts only, so any
 * number of calls may be in flight at once (sync fetches pages ahead within the limit). Waiters
 * are served first come, first served; a 429 with `Retry-After` pauses every caller.
 */
import type { ProviderName } from './errors'

export interface RateLimit {
  /** Request starts allowed in one window. */
  limit: number
  windowMs: number
  /**
   * Added to the window on the client's side: a request granted at t may reach the server later
   * than one granted after it, so the client keeps a little more distance than the server counts.
   */
  marginMs?: number
}

/**
 * The providers' limits. Trans.eu: 15 a second on the API and 5 a second on the token endpoint
 * (seen). SpotGo: 100 per API key, unit undocumented, assumed per minute. Crego documents none:
 * a polite pace is kept anyway.
 */
export const providerRateLimits = {
  transeuApi: { limit: 15, windowMs: 1000, marginMs: 100 },
  transeuToken: { limit: 5, windowMs: 1000, marginMs: 100 },
  spotgo: { limit: 100, windowMs: 60_000, marginMs: 1000 },
  crego: { limit: 20, windowMs: 1000, marginMs: 50 },
} as const satisfies Record<string, RateLimit>

export interface RateLimiter {
  readonly rule: Readonly<RateLimit>
  /** Resolves when a request may start; rejects with the signal's reason if it aborts first. */
  acquire(signal?: AbortSignal): Promise<void>
  /** No request starts for `ms` (the provider answered 429 with `Retry-After`). */
  pauseFor(ms: number): void
  /** Requests waiting for a slot right now. */
  readonly waiting: number
}

export interface RateLimiterOptions {
  /** Milliseconds since the epoch (default `Date.now`). */
  now?: () => number
}

interface Waiter {
  resolve(): void
  reject(reason: unknown): void
  signal?: AbortSignal
  onAbort?: () => void
}

/** A limiter for one provider account (one per API key or token, per endpoint group). */
export function createRateLimiter(rule: RateLimit, options: RateLimiterOptions = {}): RateLimiter {
  if (!Number.isInteger(rule.limit) || rule.limit < 1) throw new RangeError('limit must be >= 1')
  if (!(rule.windowMs > 0)) throw new RangeError('windowMs must be > 0')
  const now = options.now ?? Date.now
  const span = rule.windowMs + (rule.marginMs ?? 0)
  /** Start times of the requests granted inside the current span, oldest first. */
  const granted: number[] = []
  const queue: Waiter[] = []
  let pausedUntil = 0
  let timer: NodeJS.Timeout | null = null
  let timerAt = 0

  const schedule = (at: number) => {
    if (timer && timerAt <= at) return
    if (timer) clearTimeout(timer)
    timerAt = at
    timer = setTimeout(
      () => {
        timer = null
        pump()
      },
      Math.max(0, at - now()),
    )
  }

  const pump = () => {
    while (queue.length > 0) {
      const time = now()
      while (granted.length > 0 && (granted[0] as number) <= time - span) granted.shift()
      if (pausedUntil > time) return schedule(pausedUntil)
      if (granted.length >= rule.limit) return schedule((granted[0] as number) + span)
      const waiter = queue.shift() as Waiter
      if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort)
      granted.push(time)
      waiter.resolve()
    }
  }

  return {
    rule,
    get waiting() {
      return queue.length
    },
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason as Error)
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = { resolve, reject, signal }
        if (signal) {
          waiter.onAbort = () => {
            const index = queue.indexOf(waiter)
            if (index >= 0) queue.splice(index, 1)
            reject(signal.reason as Error)
          }
          signal.addEventListener('abort', waiter.onAbort, { once: true })
        }
        queue.push(waiter)
        pump()
      })
    },
    pauseFor(ms) {
      if (!(ms > 0)) return
      pausedUntil = Math.max(pausedUntil, now() + ms)
    },
  }
}

/** The limiters of one account: Trans.eu has two (API and token endpoint), the others one. */
export function limiterFor(provider: Exclude<ProviderName, 'transeu'>): RateLimiter {
  return createRateLimiter(providerRateLimits[provider])
}
