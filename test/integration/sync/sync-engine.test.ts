/**
 * The sync engine through the router, against the SpotGo and Trans.eu simulators over real HTTP,
 * with a real SQLite cache and the real keychain: first and incremental syncs, removals marked
 * gone only after a complete run, every fault the simulators offer, cancellation, and one run
 * per account at a time.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { SyncProgress } from '@shared/domain/sync'
import { requireKeychain } from '../../support/keychain'
import { roomyTokenLimits, spotgoSimulator, transeuSimulator } from '../../support/simulators'
import { syncAccount } from '../../support/sync-run'
import { startTestCore, type TestCore, type TestCoreOptions } from '../../support/test-core'
import { addSpotGoAccount, addTranseuAccount, transeuListedIds } from '../../support/test-accounts'

// Real time: the simulators' rate limits slide with their clock, and a sync sends many requests.
const anchor = '2026-03-02T09:00:00Z'
beforeAll(() => requireKeychain())

const spotgoSim = (freights: number) => spotgoSimulator({ seed: 41, freights, anchor })
const transeuSim = (freights: number) =>
  transeuSimulator({ seed: 42, freights, anchor, rateLimits: roomyTokenLimits })
const newCore = (sync?: TestCoreOptions['sync']) => startTestCore({ sync })

/** The account's cached freights straight from SQLite: provider id -> gone_at. */
function cached(app: TestCore, accountId: string): Map<string, string | null> {
  const rows = app.core.cache.db
    .prepare<[string], { provider_id: string; gone_at: string | null }>(
      'SELECT provider_id, gone_at FROM freights WHERE account_id = ?',
    )
    .all(accountId)
  return new Map(rows.map((row) => [row.provider_id, row.gone_at]))
}

const listedNow = (map: Map<string, string | null>) =>
  [...map].filter(([, gone]) => gone === null).map(([id]) => id)

describe('first and incremental sync', () => {
  it('syncs every SpotGo freight page by page, with progress, events and a run record', async () => {
    const sim = await spotgoSim(230)
    const app = newCore()
    const account = await addSpotGoAccount(app, sim)

    const run = await syncAccount(app, account.id)
    expect(run).toMatchObject({
      outcome: 'completed',
      pages: 3,
      inserted: 230,
      changed: 0,
      unchanged: 0,
      gone: 0,
      error: null,
    })
    expect(run.finishedAt).not.toBeNull()
    expect(listedNow(cached(app, account.id)).sort()).toEqual([...sim.state.freights.keys()].sort())

    const progress = app.events
      .filter((event) => event.name === 'sync.progress')
      .map((event) => event.payload as SyncProgress)
    expect(progress.map((p) => p.phase)).toEqual([
      'starting',
      'listing',
      'listing',
      'listing',
      'verifying',
      'finished',
    ])
    expect(progress.map((p) => p.pagesDone)).toEqual([0, 1, 2, 3, 3, 3])
    expect(progress.at(-1)).toMatchObject({ itemsSoFar: 230, outcome: 'completed' })
    expect(
      app.events.some(
        (event) =>
          event.name === 'freights.changed' &&
          (event.payload as { reason: string; accountId?: string }).accountId === account.id,
      ),
    ).toBe(true)

    const [connectivity] = await app.call('connectivity.get')
    expect(connectivity).toMatchObject({ accountId: account.id, state: 'online', running: null })
    expect(connectivity?.lastSyncedAt).toBe(run.finishedAt)
  })

  it('syncs the three Trans.eu lists, then stores changes and marks removals gone only when complete', async () => {
    const sim = await transeuSim(130)
    const app = newCore()
    const account = await addTranseuAccount(app, sim)
    const listed = transeuListedIds(sim)

    const first = await syncAccount(app, account.id)
    expect(first).toMatchObject({ outcome: 'completed', inserted: listed.length, gone: 0 })
    expect(listedNow(cached(app, account.id)).sort()).toEqual([...listed].sort())

    // The provider changes one freight, removes two, and adds three.
    const [changedId, removedA, removedB] = listed.map(Number)
    const original = sim.state.freights.freights.get(changedId as number)
    const removedFreight = sim.state.freights.freights.get(removedA as number)
    if (!original || !removedFreight) throw new Error('no freights to change')
    sim.state.freights.put({ ...original, reference_number: `${original.reference_number}-X` })
    sim.state.freights.remove(removedA as number)
    sim.state.freights.remove(removedB as number)
    const added = sim.state.freights.insertFreights('freights', 3)

    const second = await syncAccount(app, account.id)
    expect(second).toMatchObject({
      outcome: 'completed',
      inserted: 3,
      changed: 1,
      unchanged: listed.length - 3,
      gone: 2,
    })
    const after = cached(app, account.id)
    expect(after.get(String(removedA))).not.toBeNull()
    expect(after.get(String(removedB))).not.toBeNull()
    for (const freight of added) expect(after.get(String(freight.id))).toBeNull()
    const detail = app.core.cache.db
      .prepare<[string], { reference: string }>(
        'SELECT reference FROM freights WHERE provider_id = ?',
      )
      .get(String(changedId))
    expect(detail?.reference).toBe(`${original.reference_number}-X`)

    // A gone freight listed again is no longer gone.
    sim.state.freights.put(removedFreight)
    const third = await syncAccount(app, account.id)
    expect(third).toMatchObject({ outcome: 'completed', gone: 0 })
    expect(cached(app, account.id).get(String(removedA))).toBeNull()
    expect(cached(app, account.id).get(String(removedB))).not.toBeNull()
  })
})

describe('faults', () => {
  it('rides out 5xx answers, 429 bursts, cut connections and malformed pages', async () => {
    const sim = await transeuSim(100)
    const app = newCore()
    const account = await addTranseuAccount(app, sim)
    const listed = transeuListedIds(sim)

    sim.faults.failNext(2, 'server_error')
    expect(await syncAccount(app, account.id)).toMatchObject({
      outcome: 'completed',
      inserted: listed.length,
    })

    sim.faults.failNext(2, 'rate_limited')
    expect(await syncAccount(app, account.id)).toMatchObject({
      outcome: 'completed',
      unchanged: listed.length,
    })

    sim.faults.failNext(2, 'reset')
    expect(await syncAccount(app, account.id)).toMatchObject({ outcome: 'completed' })

    sim.faults.failNext(2, 'malformed')
    expect(await syncAccount(app, account.id)).toMatchObject({ outcome: 'completed' })

    // A share of every kind at once.
    sim.faults.set({
      serverErrorRate: 0.1,
      rateLimitBurstRate: 0.05,
      resetRate: 0.05,
      malformedRate: 0.05,
      retryAfterSeconds: 1,
    })
    let mixed = await syncAccount(app, account.id)
    if (mixed.outcome === 'failed') {
      // A call gives up after four attempts, and a 429 burst alone is three: a page that meets
      // the burst and one more fault in a row fails the run. Nothing it did not see changed,
      // and the next run gets through.
      expect(mixed).toMatchObject({ gone: 0 })
      expect(listedNow(cached(app, account.id)).sort()).toEqual([...listed].sort())
      mixed = await syncAccount(app, account.id)
    }
    expect(mixed.outcome).toBe('completed')
    expect(listedNow(cached(app, account.id)).sort()).toEqual([...listed].sort())
    expect((await app.call('connectivity.get'))[0]?.state).toBe('online')
  }, 60_000)

  it('a provider that keeps failing ends the run as failed, with nothing unseen changed', async () => {
    const sim = await spotgoSim(40)
    const app = newCore()
    const account = await addSpotGoAccount(app, sim)
    await syncAccount(app, account.id)
    const removed = [...sim.state.freights.keys()][0] as string
    sim.state.remove(removed)

    sim.faults.failNext(20, 'server_error')
    const failed = await syncAccount(app, account.id)
    expect(failed).toMatchObject({ outcome: 'failed', errorCode: 'provider_error', gone: 0 })
    expect(failed.error).toMatch(/SpotGo/)
    expect(cached(app, account.id).get(removed)).toBeNull()
    const [state] = await app.call('connectivity.get')
    expect(state).toMatchObject({ state: 'provider_error' })
    expect(state?.message).toMatch(/SpotGo/)
    sim.faults.reset()
  }, 60_000)

  it('a list that shifts while it is read stores what it saw and marks nothing gone', async () => {
    const sim = await transeuSim(100)
    const app = newCore({ verifyLimit: { transeu: 1 } })
    const account = await addTranseuAccount(app, sim)
    await syncAccount(app, account.id)
    const listed = transeuListedIds(sim)
    const removed = listed.slice(-3).map(Number)
    for (const id of removed) sim.state.freights.remove(id)

    sim.faults.set({ insertWhilePaging: 2 })
    const shifted = await syncAccount(app, account.id)
    sim.faults.reset()
    expect(shifted).toMatchObject({ outcome: 'partial', gone: 0 })
    expect(shifted.error).toMatch(/changed while Freightdesk read them/)
    const afterShift = cached(app, account.id)
    for (const id of removed) expect(afterShift.get(String(id))).toBeNull()
    for (const id of listed) expect(afterShift.has(id)).toBe(true)

    // The next, calm sync stores the freights inserted at the top while the other one paged, and
    // only now marks the removed ones gone.
    const calm = await syncAccount(app, account.id)
    expect(calm).toMatchObject({ outcome: 'completed', gone: 3 })
    const afterCalm = cached(app, account.id)
    for (const id of removed) expect(afterCalm.get(String(id))).not.toBeNull()
    const listedNowBySim = transeuListedIds(sim)
    expect(listedNowBySim.length).toBeGreaterThan(listed.length - removed.length)
    for (const id of listedNowBySim) expect(afterCalm.get(id)).toBeNull()
  }, 60_000)

  it('refreshes an expired access token; a dead refresh token ends in needs sign-in', async () => {
    const sim = await transeuSim(40)
    const app = newCore()
    const account = await addTranseuAccount(app, sim)
    await syncAccount(app, account.id)

    sim.faults.expireTokens()
    expect(await syncAccount(app, account.id)).toMatchObject({ outcome: 'completed' })

    sim.faults.expireTokens()
    sim.faults.revokeRefreshTokens()
    const before = listedNow(cached(app, account.id))
    const dead = await syncAccount(app, account.id)
    expect(dead).toMatchObject({ outcome: 'failed', errorCode: 'auth_required', gone: 0 })
    expect(dead.error).toMatch(/[Ss]ign in/)
    expect(listedNow(cached(app, account.id))).toEqual(before)
    const [state] = await app.call('connectivity.get')
    expect(state).toMatchObject({ state: 'needs_sign_in' })
    const [listedAccount] = await app.call('accounts.list')
    expect(listedAccount?.status.state).toBe('needs_sign_in')
  }, 60_000)
})

describe('running, joining and cancelling', () => {
  it('never runs two syncs of one account at once: a second request joins the first', async () => {
    const sim = await transeuSim(60)
    sim.faults.set({ latencyMs: 100 })
    const app = newCore()
    const account = await addTranseuAccount(app, sim)

    const first = await app.call('sync.start', { accountId: account.id })
    const second = await app.call('sync.start', { accountId: account.id })
    const all = await app.call('sync.start')
    expect(first.runs[0]?.joined).toBe(false)
    expect(second.runs[0]).toEqual({ ...first.runs[0], joined: true })
    expect(all.runs).toEqual([{ ...first.runs[0], joined: true }])
    await app.nextEvent('sync.progress', (p) => p.phase === 'finished')
    const runs = await app.call('sync.runs', { accountId: account.id, limit: 10 })
    expect(runs).toHaveLength(1)
    expect(runs[0]?.error ?? null).toBeNull()
    expect(runs[0]?.outcome).toBe('completed')
  }, 30_000)

  it('cancelling mid-run keeps the stored pages, marks nothing gone and records the run as cancelled', async () => {
    const sim = await transeuSim(300)
    const app = newCore({ lookahead: { transeu: 1 } })
    const account = await addTranseuAccount(app, sim)
    await syncAccount(app, account.id)
    const listed = transeuListedIds(sim)
    const removed = listed.slice(-5)
    for (const id of removed) sim.state.freights.remove(Number(id))
    const added = sim.state.freights.insertFreights('freights', 2)

    sim.faults.set({ latencyMs: 150 })
    const started = await app.call('sync.start', { accountId: account.id })
    const runId = started.runs[0]?.runId
    await app.nextEvent('sync.progress', (p) => p.runId === runId && p.pagesDone >= 2)
    const finished = app.nextEvent(
      'sync.progress',
      (p) => p.runId === runId && p.phase === 'finished',
    )
    expect(await app.call('sync.cancel', { accountId: account.id })).toEqual({ cancelled: 1 })
    const end = await finished
    expect(end.outcome).toBe('cancelled')

    const [run] = await app.call('sync.runs', { accountId: account.id, limit: 1 })
    expect(run).toMatchObject({ id: runId, outcome: 'cancelled', gone: 0 })
    expect(run?.pages).toBeGreaterThanOrEqual(2)
    expect(run?.pages).toBeLessThan(11)
    const after = cached(app, account.id)
    for (const id of removed) expect(after.get(id)).toBeNull()
    // The first page (where new freights appear) was stored before the cancel.
    for (const freight of added) expect(after.get(String(freight.id))).toBeNull()
    expect(await app.call('sync.cancel', { accountId: account.id })).toEqual({ cancelled: 0 })
    sim.faults.reset()
  }, 60_000)

  it('refuses to sync an account without freights and an unknown account', async () => {
    const app = newCore()
    expect(await app.failure('sync.start', { accountId: 'nope' })).toMatchObject({
      code: 'not_found',
    })
    expect(await app.call('sync.start')).toEqual({ runs: [] })
  })
})
