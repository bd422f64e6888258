import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { isAbortError } from '../../../electron/main/providers/errors'
import {
  createRateLimiter,
  providerRateLimits,
  type RateLimiter,
} from '../../../electron/main/providers/rate-limiter'

/** Start times of `count` calls begun at once, each answered as soon as it starts. */
async function startTimes(limiter: RateLimiter, count: number, times: number[] = []) {
  await Promise.all(
    Array.from({ length: count }, () =>
      limiter.acquire().then((done) => {
        times.push(Date.now())
        done()
      }),
    ),
  )
  return times.sort((a, b) => a - b)
}

const tick = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms))

describe('rate limiter', () => {
  it('lets `limit` calls be in flight at once and holds the next until a slot frees', async () => {
    const limiter = createRateLimiter({ limit: 4, windowMs: 60_000 })
    const inFlight = await Promise.all([1, 2, 3, 4].map(() => limiter.acquire()))
    expect(inFlight).toHaveLength(4)
    const controller = new AbortController()
    const fifth = limiter.acquire(controller.signal)
    const sixth = limiter.acquire(controller.signal)
    await tick()
    expect(limiter.waiting).toBe(2)
    controller.abort()
    for (const waiting of [fifth, sixth]) {
      expect(isAbortError(await waiting.catch((error: unknown) => error))).toBe(true)
    }
    expect(limiter.waiting).toBe(0)
  })

  describe('on a controlled clock', () => {
    beforeEach(() => {
      vi.useFakeTimers({ now: 0 })
    })
    afterEach(() => {
      vi.useRealTimers()
    })

    /** Asks for a slot and lets the clock run (10 ms steps) until the call may start. */
    async function startCall(limiter: RateLimiter) {
      let startedAt: number | null = null
      const waiting = limiter.acquire().then((done) => {
        startedAt = Date.now()
        return done
      })
      for (let step = 0; step < 1000 && startedAt === null; step++) {
        await vi.advanceTimersByTimeAsync(step === 0 ? 0 : 10)
      }
      return { done: await waiting, startedAt: startedAt as number | null }
    }

    const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms)

    it('never lets more than `limit` starts into one window (plus margin)', async () => {
      const limiter = createRateLimiter({ limit: 5, windowMs: 120, marginMs: 30 })
      const times: number[] = []
      const all = startTimes(limiter, 17, times)
      for (let step = 0; step < 1000 && times.length < 17; step++) await advance(10)
      await all
      expect(times).toHaveLength(17)
      for (let i = 0; i + 5 < times.length; i++) {
        expect((times[i + 5] as number) - (times[i] as number)).toBeGreaterThanOrEqual(150)
      }
    })

    it('frees a slot at answer + window + margin / 2 - the quickest recent trip, never before start + window + margin', async () => {
      const limiter = createRateLimiter({ limit: 1, windowMs: 1000, marginMs: 100 })
      const cold = await startCall(limiter)
      await advance(50)
      cold.done()
      // Answers are watched for a window and margin before any trip is lent.
      expect(limiter.travelEstimateMs).toBe(0)
      const quick = await startCall(limiter)
      expect(quick.startedAt).toBe(1100)
      await advance(50)
      quick.done()
      expect(limiter.travelEstimateMs).toBe(50)
      // A quick trip: the next call waits only for start + window + margin.
      const slow = await startCall(limiter)
      expect(slow.startedAt).toBe(2200)
      // A slow trip (400 ms): the provider may have counted it as late as its answer, so the
      // next call waits until answer + 1000 + 50 (half the margin) less the 50 ms the next
      // request travels at the quickest.
      await advance(400)
      slow.done()
      expect(limiter.travelEstimateMs).toBe(50)
      const after = await startCall(limiter)
      expect(after.startedAt).toBe(2600 + 1050 - 50)
      await advance(50)
      after.done()

      // A call that failed without an answer lends nothing, and may still reach the provider as
      // late as the slowest recent trip (400 ms) after its start: 4700 + 400 + 1050, later than
      // its failure + 1050.
      const failing = await startCall(limiter)
      expect(failing.startedAt).toBe(3600 + 1100)
      await advance(300)
      failing.done('failed')
      const next = await startCall(limiter)
      expect(next.startedAt).toBe(4700 + 400 + 1050)
    })

    it('lends nothing while its first answers are watched', async () => {
      const limiter = createRateLimiter({ limit: 3, windowMs: 1000, marginMs: 100 })
      const first = await startCall(limiter)
      const second = await startCall(limiter)
      await advance(300)
      first.done()
      await advance(100)
      const quick = await startCall(limiter)
      await advance(50)
      quick.done()
      // Had the 50 ms trip been lent, the first slot would free at 300 + 1050 - 50 = 1300.
      expect(limiter.travelEstimateMs).toBe(0)
      const next = await startCall(limiter)
      expect(next.startedAt).toBe(300 + 1050)
      next.done()
      second.done()
    })

    it('holds an answered slot longer when a quicker trip is seen after it', async () => {
      const limiter = createRateLimiter({ limit: 3, windowMs: 1000, marginMs: 100 })
      const warm = await startCall(limiter)
      await advance(300)
      warm.done()
      await advance(1200)
      expect(limiter.travelEstimateMs).toBe(300)
      const first = await startCall(limiter)
      const second = await startCall(limiter)
      expect(first.startedAt).toBe(1500)
      await advance(300)
      first.done()
      await advance(100)
      const quick = await startCall(limiter)
      await advance(50)
      quick.done()
      expect(limiter.travelEstimateMs).toBe(50)
      // The first slot is now lent 50 ms, not the 300 it was worth when answered: it frees at
      // 1800 + 1050 - 50 = 2800 instead of start + 1100 = 2600.
      const next = await startCall(limiter)
      expect(next.startedAt).toBe(2800)
      second.done()
    })

    it('after a 429 waits for Retry-After and lends no travel time for a while', async () => {
      const limiter = createRateLimiter({ limit: 1, windowMs: 1000, marginMs: 100 })
      const first = await startCall(limiter)
      await advance(200)
      first.done()
      await advance(1200)
      expect(limiter.travelEstimateMs).toBe(200)
      limiter.throttled(3000)
      expect(limiter.travelEstimateMs).toBe(0)
      // Retry-After holds every call back for 3 s from the 429.
      const second = await startCall(limiter)
      expect(second.startedAt).toBe(4400)
      await advance(200)
      second.done()
      // Careful: the trip just seen is not lent, so the slot frees a window (and half the
      // margin) after the answer, not at start + 1100.
      expect(limiter.travelEstimateMs).toBe(0)
      const third = await startCall(limiter)
      expect(third.startedAt).toBe(4600 + 1050)
      third.done()
      // Ten windows (and margins) after the 429 the limiter watches answers again, and lends
      // their quickest trip a window and margin later.
      await advance(12_000)
      const later = await startCall(limiter)
      await advance(150)
      later.done()
      expect(limiter.travelEstimateMs).toBe(0)
      await advance(1100)
      expect(limiter.travelEstimateMs).toBe(150)
    })
  })

  it('serves waiters first come, first served', async () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 30 })
    const order: number[] = []
    await Promise.all(
      [0, 1, 2, 3].map((i) =>
        limiter.acquire().then((done) => {
          order.push(i)
          done()
        }),
      ),
    )
    expect(order).toEqual([0, 1, 2, 3])
  })

  it('holds every caller back while paused', async () => {
    const limiter = createRateLimiter({ limit: 100, windowMs: 1000 })
    ;(await limiter.acquire())()
    const paused = Date.now()
    limiter.pauseFor(200)
    ;(await limiter.acquire())()
    expect(Date.now() - paused).toBeGreaterThanOrEqual(195)
  })

  it('knows the providers’ limits', () => {
    expect(providerRateLimits.transeuApi).toMatchObject({ limit: 15, windowMs: 1000 })
    expect(providerRateLimits.transeuToken).toMatchObject({ limit: 5, windowMs: 1000 })
    expect(providerRateLimits.spotgo).toMatchObject({ limit: 100, windowMs: 60_000 })
    expect(() => createRateLimiter({ limit: 0, windowMs: 1000 })).toThrow(RangeError)
  })
})
