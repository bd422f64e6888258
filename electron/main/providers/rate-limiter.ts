/**
 * Client-side pacing per provider account, so that 429 stays the exception. The provider counts a
 * request when it arrives; the client knows only when it started the request and when the answer
 * came back, and the request arrived in between. So a slot is held while its request is in flight
 * and freed at the later of start + window + margin and answer + window: however unevenly
 * requests travel, no more than `limit` of them can arrive within one window.
 *
 * Any number of calls up to `limit` may be in flight at once (sync fetches pages ahead within the
 * limit). Waiters are served first come, first served; a 429 with `Retry-After` pauses every
 * caller.
 */
import type { ProviderName } from './errors'

export interface RateLimit {
  /** Requests allowed in one window. */
  limit: number
  windowMs: number
  /** Extra distance the client keeps beyond the provider's window between request starts. */
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

/** Says the call's answer (or its failure) came back. Safe to call more than once. */
export type SlotDone = () => void

export interface RateLimiter {
  readonly rule: Readonly<RateLimit>
  /**
   * Resolves when a request may start, with the function to call when its answer arrives;
   * rejects with the signal's reason if it aborts first.
   */
  acquire(signal?: AbortSignal): Promise<SlotDone>
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
  resolve(done: SlotDone): void
  reject(reason: unknown): void
  signal?: AbortSignal
  onAbort?: () => void
}

interface Slot {
  startedAt: number
  /** When the answer came back; null while in flight. */
  doneAt: number | null
}

/** A slot whose `done` is never called is given up after this (a caller's bug, not a wait). */
const maxInFlightMs = 10 * 60_000

/** A limiter for one provider account (one per API key or token, per endpoint group). */
export function createRateLimiter(rule: RateLimit, options: RateLimiterOptions = {}): RateLimiter {
  if (!Number.isInteger(rule.limit) || rule.limit < 1) throw new RangeError('limit must be >= 1')
  if (!(rule.windowMs > 0)) throw new RangeError('windowMs must be > 0')
  const now = options.now ?? Date.now
  const span = rule.windowMs + (rule.marginMs ?? 0)
  let slots: Slot[] = []
  const queue: Waiter[] = []
  let pausedUntil = 0
  let timer: NodeJS.Timeout | null = null
  let timerAt = 0

  const freeAt = (slot: Slot): number =>
    slot.doneAt === null
      ? slot.startedAt + maxInFlightMs
      : Math.max(slot.startedAt + span, slot.doneAt + rule.windowMs)

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
      slots = slots.filter((slot) => freeAt(slot) > time)
      if (pausedUntil > time) return schedule(pausedUntil)
      if (slots.length >= rule.limit) return schedule(Math.min(...slots.map(freeAt)))
      const waiter = queue.shift() as Waiter
      if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort)
      const slot: Slot = { startedAt: time, doneAt: null }
      slots.push(slot)
      waiter.resolve(() => {
        if (slot.doneAt !== null) return
        slot.doneAt = now()
        pump()
      })
    }
    // Nobody waits: no timer keeps the process alive.
    if (timer) {
      clearTimeout(timer)
      timer = null
    }
  }

  return {
    rule,
    get waiting() {
      return queue.length
    },
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason as Error)
      return new Promise<SlotDone>((resolve, reject) => {
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

/** The limiter of a SpotGo or Crego account (Trans.eu has two: API and token endpoint). */
export function limiterFor(provider: Exclude<ProviderName, 'transeu'>): RateLimiter {
  return createRateLimiter(providerRateLimits[provider])
}
