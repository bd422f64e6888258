/**
 * Connectivity and the outbox through the router, against the simulators over real HTTP with a
 * real cache and keychain: an unreachable provider seen by a real call, re-probed until it is
 * back; changes made meanwhile queued, replayed in order, a refused one kept with its error,
 * retried and discarded.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { AccountConnectivity, OutboxChanged } from '@shared/domain/sync'
import { requireKeychain } from '../../support/keychain'
import { roomyTokenLimits, spotgoSimulator, transeuSimulator } from '../../support/simulators'
import { startTestCore, type TestCore } from '../../support/test-core'
import { addSpotGoAccount, addTranseuAccount } from '../../support/test-accounts'

const anchor = '2026-03-02T09:00:00Z'
beforeAll(() => requireKeychain())

const spotgoSim = () => spotgoSimulator({ seed: 51, freights: 12, anchor })
const transeuSim = () =>
  transeuSimulator({ seed: 52, freights: 30, anchor, rateLimits: roomyTokenLimits })
const newCore = () => startTestCore()

async function syncNow(app: TestCore, accountId: string) {
  const started = await app.call('sync.start', { accountId })
  const runId = started.runs[0]?.runId
  const end = await app.nextEvent(
    'sync.progress',
    (p) => p.runId === runId && p.phase === 'finished',
  )
  return end
}

/** Cached freights of an account: provider id -> {id, goneAt}. */
function cached(app: TestCore, accountId: string) {
  const rows = app.core.cache.db
    .prepare<[string], { id: number; provider_id: string; gone_at: string | null; status: string }>(
      'SELECT id, provider_id, gone_at, status FROM freights WHERE account_id = ? ORDER BY id',
    )
    .all(accountId)
  return rows
}

const connectivityOf = async (app: TestCore, accountId: string) =>
  (await app.call('connectivity.get')).find((c) => c.accountId === accountId) as AccountConnectivity

describe('connectivity', () => {
  it('an unreachable provider is offline (not an error, not signed out) until a re-probe finds it back', async () => {
    const sim = await spotgoSim()
    const app = newCore()
    const account = await addSpotGoAccount(app, sim)
    await syncNow(app, account.id)
    const synced = await connectivityOf(app, account.id)
    expect(synced).toMatchObject({ state: 'online', message: null })
    expect(synced.lastSyncedAt).not.toBeNull()

    await sim.faults.goOffline()
    const wentOffline = app.nextEvent('connectivity.changed', (c) => c.state === 'offline')
    const failed = await syncNow(app, account.id)
    expect(failed.outcome).toBe('failed')
    const offline = await wentOffline
    expect(offline.message).toMatch(/SpotGo cannot be reached/)
    expect(offline.lastSyncedAt).toBe(synced.lastSyncedAt)
    const [listed] = await app.call('accounts.list')
    expect(listed?.status.state).toBe('unreachable')
    // The cache still holds every freight: offline never empties the list.
    expect(cached(app, account.id).filter((row) => row.gone_at === null)).toHaveLength(12)
    const page = await app.call('freights.query', {})
    expect(page.total).toBe(12)

    const back = app.nextEvent('connectivity.changed', (c) => c.state === 'online')
    await sim.faults.goOnline()
    expect(await back).toMatchObject({ accountId: account.id, state: 'online', message: null })
    expect((await app.call('accounts.list'))[0]?.status.state).toBe('connected')
  }, 30_000)
})

describe('outbox', () => {
  it('queues withdrawals while SpotGo is unreachable and replays them in order when it is back', async () => {
    const sim = await spotgoSim()
    const app = newCore()
    const account = await addSpotGoAccount(app, sim)
    await syncNow(app, account.id)
    const [first, second, third] = cached(app, account.id)
    if (!first || !second || !third) throw new Error('expected cached freights')

    // Online: done at once, and the cache marks it gone.
    expect(await app.call('freights.delete', { id: first.id })).toEqual({
      outcome: 'done',
      outboxItem: null,
    })
    expect(sim.state.freights.has(first.provider_id)).toBe(false)
    expect(cached(app, account.id).find((row) => row.id === first.id)?.gone_at).not.toBeNull()

    await sim.faults.goOffline()
    const a = await app.call('freights.delete', { id: second.id })
    const b = await app.call('freights.delete', { id: third.id })
    expect(a.outcome).toBe('queued')
    expect(a.outboxItem).toMatchObject({ state: 'pending', errorCode: 'offline', attempts: 1 })
    expect(b).toMatchObject({ outcome: 'queued', outboxItem: { state: 'pending' } })
    // The same change twice is one item.
    expect((await app.call('freights.delete', { id: second.id })).outboxItem?.id).toBe(
      a.outboxItem?.id,
    )
    const queued = await app.call('outbox.list')
    expect(queued.map((item) => item.freightId)).toEqual([second.id, third.id])
    expect(queued[0]?.summary).toMatch(/^Withdraw SpotGo freight /)
    expect((await connectivityOf(app, account.id)).state).toBe('offline')
    // Nothing changed in the cache yet.
    expect(cached(app, account.id).find((row) => row.id === second.id)?.gone_at).toBeNull()

    const drained = app.nextEvent('outbox.changed', (c: OutboxChanged) => c.pending === 0)
    await sim.faults.goOnline()
    await drained
    expect(await app.call('outbox.list')).toEqual([])
    expect(sim.state.freights.has(second.provider_id)).toBe(false)
    expect(sim.state.freights.has(third.provider_id)).toBe(false)
    const sent = app.log.lines
      .filter((line) => line.message === 'sent a queued change')
      .map((line) => line.details?.item)
    expect(sent).toEqual([a.outboxItem?.id, b.outboxItem?.id])
    const after = cached(app, account.id)
    expect(after.find((row) => row.id === second.id)?.gone_at).not.toBeNull()
    expect(after.find((row) => row.id === third.id)?.gone_at).not.toBeNull()
  }, 30_000)

  it('sets SpotGo prices at once when online, queues them in order while offline, keeps a refused one with its error', async () => {
    // Anchored at the real clock, so that active freights are still active when changed.
    const sim = await spotgoSimulator({ seed: 53, freights: 40 })
    const app = newCore()
    const account = await addSpotGoAccount(app, sim)
    await syncNow(app, account.id)
    const active = app.core.cache.db
      .prepare<[string], { id: number; provider_id: string }>(
        "SELECT id, provider_id FROM freights WHERE account_id = ? AND status_raw = 'Active' ORDER BY id",
      )
      .all(account.id)
    const [one, two, three] = active
    if (!one || !two || !three) throw new Error('expected three active cached freights')
    const priceOf = (providerId: string) => sim.state.freights.get(providerId)?.payment
    const change = (price: number, ceiling: number | null = null) => ({
      price,
      ceiling,
      currency: 'EUR',
      paymentTermDays: 30,
    })

    // Online: SpotGo takes it at once and the cache holds what SpotGo answered.
    const before = sim.state.freights.get(one.provider_id)
    expect(
      await app.call('freights.changePrice', { id: one.id, change: change(1234, 1500) }),
    ).toEqual({ outcome: 'done', outboxItem: null })
    expect(priceOf(one.provider_id)).toMatchObject({
      from: 1234,
      growTo: 1500,
      term: 30,
      currency: 'EUR',
    })
    // Only the price changed (SpotGo geocodes a place sent without coordinates, as on create).
    const places = (freight: typeof before) =>
      freight?.locations.map(({ address: { coordinates: _geocoded, ...address }, ...rest }) => ({
        ...rest,
        address,
      }))
    expect(places(sim.state.freights.get(one.provider_id))).toEqual(places(before))
    const detail = await app.call('freights.get', { id: one.id })
    expect(detail.freight.price).toMatchObject({
      value: 1234,
      currency: 'EUR',
      paymentTermDays: 30,
    })
    // A ceiling below the price is refused before anything is sent.
    const invalid = await app.failure('freights.changePrice', {
      id: one.id,
      change: change(1000, 900),
    })
    expect(invalid).toMatchObject({ code: 'validation' })
    expect(invalid.fields?.['change.ceiling']).toMatch(/below the price/)

    // Offline: every change waits, in the order it was made.
    const twoBefore = priceOf(two.provider_id)
    await sim.faults.goOffline()
    const a = await app.call('freights.changePrice', { id: two.id, change: change(900) })
    const b = await app.call('freights.changePrice', { id: two.id, change: change(950) })
    const c = await app.call('freights.changePrice', { id: three.id, change: change(700) })
    expect(a).toMatchObject({
      outcome: 'queued',
      outboxItem: { state: 'pending', errorCode: 'offline' },
    })
    expect(b.outcome).toBe('queued')
    expect(c.outcome).toBe('queued')
    const queued = await app.call('outbox.list')
    expect(queued.map((item) => [item.kind, item.freightId, item.priceChange?.price])).toEqual([
      ['spotgo.changePrice', two.id, 900],
      ['spotgo.changePrice', two.id, 950],
      ['spotgo.changePrice', three.id, 700],
    ])
    expect(queued[1]?.summary).toMatch(/^Set the price of SpotGo freight .+ to 950 EUR, 30 days$/)
    expect(priceOf(two.provider_id)).toEqual(twoBefore)

    // Meanwhile the third freight was cancelled on SpotGo: its change will be refused.
    const third = sim.state.freights.get(three.provider_id)
    if (!third) throw new Error('expected the third freight at SpotGo')
    sim.state.put({ ...third, status: 'Cancelled' })

    const settled = app.nextEvent('outbox.changed', (counts) => counts.pending === 0)
    await sim.faults.goOnline()
    await settled
    const sent = app.log.lines
      .filter((line) => line.message === 'sent a queued change')
      .map((line) => line.details?.item)
    expect(sent).toEqual([a.outboxItem?.id, b.outboxItem?.id])
    expect(priceOf(two.provider_id)).toMatchObject({ from: 950, term: 30 })
    expect((await app.call('freights.get', { id: two.id })).freight.price?.value).toBe(950)
    expect(priceOf(three.provider_id)).toEqual(third.payment)

    const [refused, ...others] = await app.call('outbox.list')
    expect(others).toEqual([])
    expect(refused).toMatchObject({
      id: c.outboxItem?.id,
      state: 'failed',
      errorCode: 'conflict',
      attempts: 1,
    })
    expect(refused?.error).toMatch(/active/i)
    // Retried, SpotGo refuses it again; discarded, it is gone and nothing was sent.
    const retried = await app.call('outbox.retry', { id: refused?.id ?? 0 })
    expect(retried[0]).toMatchObject({ state: 'failed', attempts: 2 })
    expect(await app.call('outbox.discard', { id: refused?.id ?? 0 })).toEqual([])
    expect(priceOf(three.provider_id)).toEqual(third.payment)
  }, 30_000)

  it('a change the provider refuses keeps its error and can be retried or discarded', async () => {
    const sim = await transeuSim()
    // Two drafts on the platform (status "new"), so their deletion is allowed.
    const [one, two] = [...sim.state.freights.freights.values()].slice(0, 2)
    if (!one || !two) throw new Error('expected freights')
    sim.state.freights.put({ ...one, status: 'new', publication: null })
    sim.state.freights.put({ ...two, status: 'new', publication: null })
    const app = newCore()
    const account = await addTranseuAccount(app, sim)
    await syncNow(app, account.id)
    const rows = cached(app, account.id)
    const draftOne = rows.find((row) => row.provider_id === String(one.id))
    const draftTwo = rows.find((row) => row.provider_id === String(two.id))
    const published = rows.find((row) => row.status !== 'draft')
    if (!draftOne || !draftTwo || !published) throw new Error('expected drafts')

    expect(await app.failure('freights.delete', { id: published.id })).toMatchObject({
      code: 'validation',
      message: expect.stringMatching(/only drafts/) as unknown,
    })

    await sim.faults.goOffline()
    const queuedOne = await app.call('freights.delete', { id: draftOne.id })
    const queuedTwo = await app.call('freights.delete', { id: draftTwo.id })
    expect([queuedOne.outcome, queuedTwo.outcome]).toEqual(['queued', 'queued'])
    // Meanwhile both were published on the platform: it refuses to delete them.
    sim.state.freights.put({ ...one, status: 'in_progress' })
    sim.state.freights.put({ ...two, status: 'in_progress' })

    const settled = app.nextEvent('outbox.changed', (c) => c.pending === 0 && c.failed === 2)
    await sim.faults.goOnline()
    await settled
    const failed = await app.call('outbox.list')
    expect(failed.map((item) => [item.state, item.errorCode])).toEqual([
      ['failed', 'conflict'],
      ['failed', 'conflict'],
    ])
    expect(failed[0]?.error).toMatch(/Trans\.eu/)
    expect((await connectivityOf(app, account.id)).state).toBe('online')

    // Still refused on retry: kept, with one more attempt counted.
    const again = await app.call('outbox.retry', { id: queuedOne.outboxItem?.id ?? 0 })
    expect(again[0]).toMatchObject({ state: 'failed', attempts: 3, errorCode: 'conflict' })

    // Back to a draft on the platform: the retry goes through.
    sim.state.freights.put({ ...one, status: 'new', publication: null })
    const afterRetry = await app.call('outbox.retry', { id: queuedOne.outboxItem?.id ?? 0 })
    expect(afterRetry.map((item) => item.id)).toEqual([queuedTwo.outboxItem?.id])
    expect(sim.state.freights.freights.has(one.id)).toBe(false)
    expect(cached(app, account.id).find((row) => row.id === draftOne.id)?.gone_at).not.toBeNull()

    // Discarded: gone from the outbox, the freight untouched on both sides.
    expect(await app.call('outbox.discard', { id: queuedTwo.outboxItem?.id ?? 0 })).toEqual([])
    expect(sim.state.freights.freights.has(two.id)).toBe(true)
    expect(cached(app, account.id).find((row) => row.id === draftTwo.id)?.gone_at).toBeNull()
    expect(
      await app.failure('outbox.discard', { id: queuedTwo.outboxItem?.id ?? 0 }),
    ).toMatchObject({ code: 'not_found' })
  }, 30_000)
})
