/**
 * Sliding-window rate limits per bucket (an API key, a key on one endpoint), read from the
 * simulator's clock so tests can open the window again by advancing time.
 */
import type { Clock } from './clock'

export interface RateLimit {
  /** Requests allowed inside one window. */
  limit: number
  windowMs: number
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number }

export interface RateLimiter {
  /** Counts one request against `bucket`, or says how long to wait when the window is full. */
  take(bucket: string, rule: RateLimit): RateDecision
  reset(): void
}

export function createRateLimiter(clock: Clock): RateLimiter {
  /** Per bucket, the times of the requests inside the current window, oldest first. */
  const windows = new Map<string, number[]>()
  return {
    take(bucket, rule) {
      const now = clock.now()
      let times = windows.get(bucket)
      if (!times) windows.set(bucket, (times = []))
      while (times.length > 0 && (times[0] as number) <= now - rule.windowMs) times.shift()
      if (times.length < rule.limit) {
        times.push(now)
        return { allowed: true }
      }
      const freeAt = (times[0] as number) + rule.windowMs
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now) / 1000)) }
    },
    reset() {
      windows.clear()
    },
  }
}

/** "15 per second" style wording for messages. */
export function describeRateLimit(rule: RateLimit): string {
  const unit =
    rule.windowMs === 1000 ? 'second' : rule.windowMs === 60_000 ? 'minute' : `${rule.windowMs} ms`
  return `${rule.limit} requests per ${unit}`
}
