import { describe, expect, it } from 'vitest'
import { isAbortError } from '../../../electron/main/providers/errors'
import {
  createRateLimiter,
  providerRateLimits,
  type RateLimiter,
} from '../../../electron/main/providers/rate-limiter'

/** Start times of `count` calls begun at once, each answered as soon as it starts. */
async function startTimes(limiter: RateLimiter, count: number) {
  const times: number[] = []
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
  it('never lets more than `limit` starts into one window (plus margin)', async () => {
    const limiter = createRateLimiter({ limit: 5, windowMs: 120, marginMs: 30 })
    const times = await startTimes(limiter, 17)
    expect(times).toHaveLength(17)
    // Times are read when each start's callback runs: a few milliseconds of slack for that.
    for (let i = 0; i + 5 < times.length; i++) {
      expect((times[i + 5] as number) - (times[i] as number)).toBeGreaterThanOrEqual(145)
    }
  })

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

  it('counts a slow request from its answer, so a late arrival cannot crowd the window', async () => {
    let time = 0
    const limiter = createRateLimiter({ limit: 1, windowMs: 100 }, { now: () => time })
    time = 1000
    const slow = await limiter.acquire()
    time = 1300 // the answer took 300 ms: the request may have arrived as late as this
    slow()
    let started = false
    const next = limiter.acquire().then((done) => {
      started = true
      done()
    })
    time = 1399
    await tick(150)
    expect(started).toBe(false)
    time = 1400
    await next
    expect(started).toBe(true)
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

  it('holds every caller back after a 429 asked it to', async () => {
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
