/**
 * Client-side pacing per provider account, so that 429 stays the exception. The provider counts a
 * request somewhere between the moment the client starts it and the moment its answer comes back.
 * A slot is held while its request is in flight and freed at
 *
 *     max(start + window + margin, answer + window + margin / 2 - travel)
 *
 * where `travel` is the quickest round trip among the last 64 answers (read whenever the slot is
 * checked, never more than the slot's own trip, and 0 until answers have been watched for a
 * window and margin, as cold first answers are slow): the next request takes about that long to
 * reach the provider after it starts, so freeing the slot that much before `answer + window`
 * still puts its arrival a window after the old one was counted; half the margin covers a next
 * trip somewhat quicker than any seen. On a steady network a slot therefore cycles every
 * `window + margin` whatever the latency, where counting a window from the answer would cost a
 * round trip per cycle. A call that failed without an answer lends no travel time
 * and, since it may still arrive, holds its slot at least a window (and half the margin) past
 * its start plus the slowest recent round trip. A 429 (`throttled`) pauses every caller for
 * `Retry-After` and makes the limiter careful for ten windows: it forgets the trips it saw and
 * lends none, so slots free a full window (and half the margin) after each answer.
 *
 * Any number of calls up to `limit` may be in flight at once (sync fetches pages ahead within the
 * limit). Waiters are served first come, first served.
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

/**
 * How a call ended: `answered` when the provider's answer (any status) came back, `failed` when
 * none did (refused, reset, timed out). Safe to call more than once; only the first call counts.
 */
export type SlotDone = (outcome?: 'answered' | 'failed') => void

export interface RateLimiter {
  readonly rule: Readonly<RateLimit>
  /**
   * Resolves when a request may start, with the function to call when its answer arrives;
   * rejects with the signal's reason if it aborts first.
   */
  acquire(signal?: AbortSignal): Promise<SlotDone>
  /** No request starts for `ms`. */
  pauseFor(ms: number): void
  /**
   * The provider answered 429: no request starts for `retryAfterMs` (when it said), and the
   * limiter stops lending travel time for a while.
   */
  throttled(retryAfterMs: number | null): void
  /** The travel time the limiter lends a slot right now (0 while careful or before any answer). */
  readonly travelEstimateMs: number
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
  /** When the answer (or the failure) came back; null while in flight. */
  doneAt: number | null
  /** Its own round trip when it was answered; null for a call that ended without an answer. */
  roundTripMs: number | null
  /**
   * For a call that ended without an answer (cut, timed out, aborted by the caller), how long
   * after its start the provider may still have counted it: the slowest recent round trip.
   */
  countedByMs: number
}

/** A slot whose `done` is never called is given up after this (a caller's bug, not a wait). */
const maxInFlightMs = 10 * 60_000
/** Answers remembered for the travel estimate (the quickest of them is lent). */
const recentRoundTrips = 64
/** After a 429 the limiter lends no travel time for this many windows. */
const carefulWindows = 10

/** A limiter for one provider account (one per API key or token, per endpoint group). */
export function createRateLimiter(rule: RateLimit, options: RateLimiterOptions = {}): RateLimiter {
  if (!Number.isInteger(rule.limit) || rule.limit < 1) throw new RangeError('limit must be >= 1')
  if (!(rule.windowMs > 0)) throw new RangeError('windowMs must be > 0')
  const now = options.now ?? Date.now
  const span = rule.windowMs + (rule.marginMs ?? 0)
  const guard = (rule.marginMs ?? 0) / 2
  let slots: Slot[] = []
  const queue: Waiter[] = []
  const roundTrips: number[] = []
  let pausedUntil = 0
  let carefulUntil = 0
  let timer: NodeJS.Timeout | null = null
  let timerAt = 0

  /** When the remembered answers began; null while there are none (or after a 429). */
  let learningSince: number | null = null

  /**
   * The quickest remembered trip, once answers have been watched for a window and margin: the
   * first answers of a fresh connection or a cold process are slow, and lending their trip to a
   * quicker next request would let it arrive too early.
   */
  const travelEstimate = (): number => {
    const time = now()
    if (time < carefulUntil || learningSince === null || time - learningSince < span) return 0
    return Math.min(...roundTrips)
  }

  /**
   * Asked afresh at every check, so an estimate that quicker answers lowered since (the first
   * answers of a fresh connection are slow) holds slots longer; never more than its own trip.
   */
  const lentTo = (slot: Slot): number =>
    slot.roundTripMs === null ? 0 : Math.min(slot.roundTripMs, travelEstimate())

  const freeAt = (slot: Slot): number =>
    slot.doneAt === null
      ? slot.startedAt + maxInFlightMs
      : Math.max(
          slot.startedAt + span,
          slot.doneAt + rule.windowMs + guard - lentTo(slot),
          slot.startedAt + slot.countedByMs + rule.windowMs + guard,
        )

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

  const finish = (slot: Slot, outcome: 'answered' | 'failed') => {
    const time = now()
    slot.doneAt = time
    if (outcome === 'answered') {
      slot.roundTripMs = time - slot.startedAt
      if (time >= carefulUntil) {
        learningSince ??= time
        roundTrips.push(slot.roundTripMs)
        if (roundTrips.length > recentRoundTrips) roundTrips.shift()
      }
    } else if (roundTrips.length > 0) {
      // A request given up while in flight may still reach the provider and be counted later.
      slot.countedByMs = Math.max(...roundTrips)
    }
  }

  const pump = () => {
    while (queue.length > 0) {
      const time = now()
      slots = slots.filter((slot) => freeAt(slot) > time)
      if (pausedUntil > time) return schedule(pausedUntil)
      if (slots.length >= rule.limit) return schedule(Math.min(...slots.map(freeAt)))
      const waiter = queue.shift() as Waiter
      if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort)
      const slot: Slot = { startedAt: time, doneAt: null, roundTripMs: null, countedByMs: 0 }
      slots.push(slot)
      waiter.resolve((outcome = 'answered') => {
        if (slot.doneAt !== null) return
        finish(slot, outcome)
        pump()
      })
    }
    // Nobody waits: no timer keeps the process alive.
    if (timer) {
      clearTimeout(timer)
      timer = null
    }
  }

  const pauseFor = (ms: number) => {
    if (!(ms > 0)) return
    pausedUntil = Math.max(pausedUntil, now() + ms)
  }

  return {
    rule,
    get waiting() {
      return queue.length
    },
    get travelEstimateMs() {
      return travelEstimate()
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
    pauseFor,
    throttled(retryAfterMs) {
      // Slots answered before the 429 are lent nothing from now on either.
      roundTrips.length = 0
      learningSince = null
      carefulUntil = Math.max(carefulUntil, now() + carefulWindows * span)
      if (retryAfterMs !== null) pauseFor(retryAfterMs)
    },
  }
}

/** The limiter of a SpotGo or Crego account (Trans.eu has two: API and token endpoint). */
export function limiterFor(provider: Exclude<ProviderName, 'transeu'>): RateLimiter {
  return createRateLimiter(providerRateLimits[provider])
}
