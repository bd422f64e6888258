/**
 * Sample-data mode end to end in main: "Try with sample data" starts the simulators, adds one sandbox
 * account per provider through the real accounts service (secrets in the real keychain) and syncs;
 * a restart brings the same simulators back on the same ports with the same freights; removing it
 * leaves nothing behind; the offline switch makes the simulators refuse connections.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { SandboxStatus } from '@shared/domain/sample-data'
import { createCore, type Core } from '../../../electron/main/core'
import {
  keychainEntries,
  requireKeychain,
  sweepKeychain,
  testSecretService,
} from '../../support/keychain'
import { createRecordingLogger } from '../../support/recording-logger'
import { makeTempDir } from '../../support/temp-dir'

const counts = { spotgoFreights: 25, transeuFreights: 40, documents: 12 }

let temp: ReturnType<typeof makeTempDir>
let secretService: string
const open: Core[] = []

beforeAll(async () => {
  await requireKeychain()
})
afterEach(async () => {
  for (const core of open.splice(0)) await core.dispose()
  await sweepKeychain(secretService)
  temp.remove()
})

function startCore(options: { sampleData?: boolean } = {}): Core {
  const core = createCore({
    dataDir: temp.dir,
    shell: 'web',
    platform: 'linux',
    validateContracts: true,
    log: createRecordingLogger(),
    secretService,
    sync: { schedule: false, reprobeDelaysMs: [100, 200, 400] },
    sampleDataCounts: counts,
    ...options,
  })
  open.push(core)
  return core
}

async function call<T>(core: Core, channel: string, input?: unknown): Promise<T> {
  const result = await core.router.invoke(channel, input)
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return result.value as T
}

/** Waits until every freight account's latest sync run has finished; answers their outcomes. */
async function syncsFinished(core: Core): Promise<string[]> {
  const ids = core.cache.accounts
    .list()
    .filter((account) => account.provider !== 'crego')
    .map((account) => account.id)
  const deadline = Date.now() + 90_000
  for (;;) {
    const latest = ids.map((id) => core.services.sync.engine.runs(id, 1)[0])
    if (latest.every((run) => run?.finishedAt)) return latest.map((run) => run?.outcome ?? '')
    if (Date.now() > deadline) throw new Error('the sandbox syncs did not finish')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

function cachedProviderIds(core: Core): string[] {
  return core.cache.db
    .prepare<[], { key: string }>(
      "SELECT provider || ':' || provider_id AS key FROM freights ORDER BY key",
    )
    .all()
    .map((row) => row.key)
}

function count(core: Core, table: string): number {
  return (core.cache.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
}

async function reachable(baseUrl: string): Promise<boolean> {
  try {
    await (await fetch(baseUrl)).arrayBuffer()
    return true
  } catch {
    return false
  }
}

describe('sample-data mode', () => {
  it('starts the simulators, adds three sandbox accounts with keychain secrets, and syncs', async () => {
    temp = makeTempDir('freightdesk-sandbox-')
    secretService = testSecretService()
    const core = startCore()
    await core.ready
    expect((await call<SandboxStatus>(core, 'sandbox.status')).state).toBe('off')

    const status = await call<SandboxStatus>(core, 'sandbox.start')
    expect(status).toMatchObject({ state: 'running', offline: false, message: null })
    expect(status.accountIds).toHaveLength(3)
    const accounts = await core.services.accounts.list()
    expect(accounts.map((account) => account.provider).sort()).toEqual([
      'crego',
      'spotgo',
      'transeu',
    ])
    for (const account of accounts) {
      expect(account.sandbox).toBe(true)
      expect(account.name).toMatch(/^Sample data/)
      expect(account.status.state).toBe('connected')
    }
    // Secrets live in the keychain like any other account's: never in the cache file.
    const entries = await keychainEntries(secretService)
    expect(entries.length).toBeGreaterThanOrEqual(4)

    expect(await syncsFinished(core)).toEqual(['completed', 'completed'])
    const sims = core.services.sampleData.simulators()
    if (!sims) throw new Error('no simulators')
    expect(sims.scenario.seed).toBe(20_260_110)
    const spotgoCached = cachedProviderIds(core).filter((key) => key.startsWith('spotgo:'))
    expect(spotgoCached).toHaveLength(counts.spotgoFreights)
    expect(cachedProviderIds(core).length).toBeGreaterThan(counts.spotgoFreights)
    // Crego documents through the sandbox account.
    const crego = accounts.find((account) => account.provider === 'crego')!
    const documents = await call<{ documents: unknown[]; source: string }>(core, 'documents.list', {
      accountId: crego.id,
    })
    expect(documents.documents.length).toBeGreaterThan(0)
    // Their links open: exactly the running simulators' loopback origins.
    expect(core.services.sampleData.runningOrigins()).toEqual(
      new Set([sims.spotgo.baseUrl, sims.transeu.baseUrl, sims.crego.baseUrl]),
    )
    expect(
      await core.router.invoke('app.openExternal', { url: `${sims.crego.baseUrl}/x` }),
    ).toMatchObject({ ok: true })
    expect(
      await core.router.invoke('app.openExternal', { url: 'http://127.0.0.1:1/x' }),
    ).toMatchObject({ ok: false, error: { code: 'validation' } })

    // A second start is the same sandbox, not a second one.
    expect((await call<SandboxStatus>(core, 'sandbox.start')).accountIds.sort()).toEqual(
      [...status.accountIds].sort(),
    )
  })

  it('comes back after a restart on the same ports with the same freights', async () => {
    temp = makeTempDir('freightdesk-sandbox-')
    secretService = testSecretService()
    const first = startCore()
    await first.ready
    const started = await call<SandboxStatus>(first, 'sandbox.start')
    await syncsFinished(first)
    const sims = first.services.sampleData.simulators()!
    const ports = [sims.spotgo.port, sims.transeu.port, sims.crego.port]
    const before = cachedProviderIds(first)
    await first.dispose()
    open.splice(open.indexOf(first), 1)
    expect(await reachable(sims.spotgo.baseUrl)).toBe(false)

    const second = startCore()
    await second.ready
    const status = await call<SandboxStatus>(second, 'sandbox.status')
    expect(status.state).toBe('running')
    expect(status.accountIds.sort()).toEqual([...started.accountIds].sort())
    const back = second.services.sampleData.simulators()!
    expect([back.spotgo.port, back.transeu.port, back.crego.port]).toEqual(ports)
    expect(back.scenario.anchor).toBe(sims.scenario.anchor)
    // The accounts were signed in again with the simulators' new credentials; a sync finds the
    // same freights and marks none gone.
    for (const account of await second.services.accounts.list()) {
      expect(account.status.state).toBe('connected')
    }
    second.services.sync.engine.start(undefined, 'manual')
    expect(await syncsFinished(second)).toEqual(['completed', 'completed'])
    expect(cachedProviderIds(second)).toEqual(before)
    const gone = second.cache.db
      .prepare('SELECT count(*) AS n FROM freights WHERE gone_at IS NOT NULL')
      .get() as { n: number }
    expect(gone.n).toBe(0)
  })

  it('removes everything in one action: simulators, accounts, secrets, cached rows, shares', async () => {
    temp = makeTempDir('freightdesk-sandbox-')
    secretService = testSecretService()
    const core = startCore()
    await core.ready
    await call(core, 'sandbox.start')
    await syncsFinished(core)
    const sims = core.services.sampleData.simulators()!
    const spotgo = core.cache.accounts.list().find((account) => account.provider === 'spotgo')!
    const freight = core.cache.db
      .prepare<[string], { id: number }>('SELECT id FROM freights WHERE account_id = ? LIMIT 1')
      .get(spotgo.id)!
    await call(core, 'shares.createFreightLink', {
      accountId: spotgo.id,
      freightIds: [freight.id],
      expiry: { kind: 'custom', days: 1, hours: 0, minutes: 0 },
      ownerEmail: spotgo.ownerEmail ?? '',
    })
    const crego = core.cache.accounts.list().find((account) => account.provider === 'crego')!
    await call(core, 'documents.list', { accountId: crego.id })
    expect(count(core, 'shares')).toBe(1)
    expect(count(core, 'documents')).toBeGreaterThan(0)
    expect(count(core, 'freights')).toBeGreaterThan(0)

    const removed = await call<{ removedAccounts: number; removedShares: number }>(
      core,
      'sandbox.remove',
    )
    expect(removed).toMatchObject({ removedAccounts: 3, removedShares: 1 })
    expect(await core.services.accounts.list()).toEqual([])
    expect(await keychainEntries(secretService)).toEqual([])
    for (const table of ['accounts', 'freights', 'shares', 'documents', 'app_settings']) {
      expect(count(core, table), table).toBe(0)
    }
    expect(await reachable(sims.spotgo.baseUrl)).toBe(false)
    expect(await reachable(sims.crego.baseUrl)).toBe(false)
    expect((await call<SandboxStatus>(core, 'sandbox.status')).state).toBe('off')
    expect(core.services.sampleData.runningOrigins().size).toBe(0)
  })

  it('goes offline and back from the switch, and stays offline across a restart', async () => {
    temp = makeTempDir('freightdesk-sandbox-')
    secretService = testSecretService()
    const first = startCore()
    await first.ready
    await expect(first.services.sampleData.setOffline(true)).rejects.toThrow(/not running/)
    await call(first, 'sandbox.start')
    await syncsFinished(first)
    const sims = first.services.sampleData.simulators()!
    const cached = count(first, 'freights')

    const offline = await call<SandboxStatus>(first, 'sandbox.setOffline', { offline: true })
    expect(offline).toMatchObject({ state: 'running', offline: true })
    expect(await reachable(sims.spotgo.baseUrl)).toBe(false)
    expect(await reachable(sims.transeu.baseUrl)).toBe(false)
    const spotgo = first.cache.accounts.list().find((account) => account.provider === 'spotgo')!
    const seen = await first.services.sync.connectivity.probe(spotgo.id)
    expect(seen.state).toBe('offline')
    // The cache still answers.
    const page = await call<{ total: number }>(first, 'freights.query', {})
    expect(page.total).toBe(cached)

    await first.dispose()
    open.splice(open.indexOf(first), 1)
    const second = startCore()
    await second.ready
    expect(await call<SandboxStatus>(second, 'sandbox.status')).toMatchObject({
      state: 'running',
      offline: true,
    })
    const back = second.services.sampleData.simulators()!
    expect(await reachable(back.spotgo.baseUrl)).toBe(false)

    expect(
      await call<SandboxStatus>(second, 'sandbox.setOffline', { offline: false }),
    ).toMatchObject({ offline: false })
    expect(await reachable(back.spotgo.baseUrl)).toBe(true)
    expect(await reachable(back.crego.baseUrl)).toBe(true)
  })

  it('starts straight into sample data with the sandbox option', async () => {
    temp = makeTempDir('freightdesk-sandbox-')
    secretService = testSecretService()
    const core = startCore({ sampleData: true })
    await core.ready
    const status = await call<SandboxStatus>(core, 'sandbox.status')
    expect(status).toMatchObject({ state: 'running' })
    expect(status.accountIds).toHaveLength(3)
  })
})
