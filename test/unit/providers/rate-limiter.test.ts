import { describe, expect, it } from 'vitest'
import { isAbortError } from '../../../electron/main/providers/errors'
import {
  createRateLimiter,
  providerRateLimits,
} from '../../../electron/main/providers/rate-limiter'

/** Grant times of `count` acquisitions started at once. */
async function grantTimes(limiter: ReturnType<typeof createRateLimiter>, count: number) {
  const times: number[] = []
  await Promise.all(
    Array.from({ length: count }, () => limiter.acquire().then(() => times.push(Date.now()))),
  )
  return times.sort((a, b) => a - b)
}

describe('rate limiter', () => {
  it('never lets more than `limit` starts into one window (plus margin)', async () => {
    const limiter = createRateLimiter({ limit: 5, windowMs: 120, marginMs: 30 })
    const times = await grantTimes(limiter, 17)
    expect(times).toHaveLength(17)
    // Times are read when each grant's callback runs: a few milliseconds of slack for that.
    for (let i = 0; i + 5 < times.length; i++) {
      expect((times[i + 5] as number) - (times[i] as number)).toBeGreaterThanOrEqual(145)
    }
  })

  it('grants the first `limit` at once: calls are metered, not serialized', async () => {
    const limiter = createRateLimiter({ limit: 4, windowMs: 60_000 })
    // Nothing here ever "finishes" a call: the limiter counts starts only.
    await Promise.all([1, 2, 3, 4].map(() => limiter.acquire()))
    const controller = new AbortController()
    const fifth = limiter.acquire(controller.signal)
    const sixth = limiter.acquire(controller.signal)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(limiter.waiting).toBe(2)
    controller.abort()
    for (const waiting of [fifth, sixth]) {
      expect(isAbortError(await waiting.catch((error: unknown) => error))).toBe(true)
    }
    expect(limiter.waiting).toBe(0)
  })

  it('serves waiters first come, first served', async () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 30 })
    const order: number[] = []
    await Promise.all([0, 1, 2, 3].map((i) => limiter.acquire().then(() => order.push(i))))
    expect(order).toEqual([0, 1, 2, 3])
  })

  it('holds every caller back after a 429 asked it to', async () => {
    const limiter = createRateLimiter({ limit: 100, windowMs: 1000 })
    await limiter.acquire()
    const paused = Date.now()
    limiter.pauseFor(200)
    await limiter.acquire()
    expect(Date.now() - paused).toBeGreaterThanOrEqual(195)
  })

  it('knows the providers’ limits', () => {
    expect(providerRateLimits.transeuApi).toMatchObject({ limit: 15, windowMs: 1000 })
    expect(providerRateLimits.transeuToken).toMatchObject({ limit: 5, windowMs: 1000 })
    expect(providerRateLimits.spotgo).toMatchObject({ limit: 100, windowMs: 60_000 })
    expect(() => createRateLimiter({ limit: 0, windowMs: 1000 })).toThrow(RangeError)
  })
})
