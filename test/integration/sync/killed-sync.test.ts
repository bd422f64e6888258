/**
 * A process killed with SIGKILL in the middle of a sync: the built web host (a separate Node
 * process running the real core, scheduler on) syncs a Trans.eu account against a slow simulator
 * and is killed once it has stored some pages. Afterwards the cache passes `integrity_check`,
 * still holds every freight it held before (none marked gone), and the next sync completes.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeAll, expect, it } from 'vitest'
import { cacheFileName } from '../../../electron/main/cache'
import { startTranseuSimulator } from '../../../electron/main/simulators/transeu/server'
import { requireKeychain, sweepKeychain, testSecretService } from '../../support/keychain'
import { builtFile } from '../../support/fresh-build'
import { makeTempDir } from '../../support/temp-dir'
import { startTestCore } from '../../support/test-core'
import { addTranseuAccount, transeuListedIds } from '../../support/test-accounts'

const webHost = builtFile('main/web-host.js')
const cleanups: Array<() => Promise<void> | void> = []

beforeAll(async () => {
  await requireKeychain()
})
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

it('a sync killed with SIGKILL leaves a sound cache that lost nothing, and the next sync completes', async () => {
  const sim = await startTranseuSimulator({
    seed: 61,
    freights: 600,
    anchor: '2026-03-02T09:00:00Z',
    rateLimits: { token: { limit: 1000, windowMs: 1000 } },
  })
  cleanups.push(() => sim.stop())
  const temp = makeTempDir('freightdesk-killed-')
  const secretService = testSecretService()
  cleanups.push(async () => {
    await sweepKeychain(secretService)
    temp.remove()
  })

  // A first, complete sync in this process.
  const first = startTestCore({ dir: temp.dir, secretService })
  const account = await addTranseuAccount(first, sim)
  await first.call('sync.start', { accountId: account.id })
  const firstEnd = await first.nextEvent('sync.progress', (p) => p.phase === 'finished')
  expect(firstEnd.outcome).toBe('completed')
  await first.closeKeepingData()
  const file = path.join(temp.dir, cacheFileName)
  const before = new Database(file, { readonly: true })
  const held = before
    .prepare<[], { provider_id: string }>('SELECT provider_id FROM freights WHERE gone_at IS NULL')
    .all()
    .map((row) => row.provider_id)
  before.close()
  expect(held.length).toBe(transeuListedIds(sim).length)

  // The provider changes: new freights, some removed, every answer slow.
  sim.state.freights.insertFreights('freights', 45)
  const removed = held.slice(0, 4)
  for (const id of removed) sim.state.freights.remove(Number(id))
  sim.faults.set({ latencyMs: 250 })

  const child = spawn(
    process.execPath,
    [webHost, '--json', '--data-dir', temp.dir, '--secret-service', secretService],
    { stdio: ['ignore', 'pipe', 'pipe'], env: process.env },
  )
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  )
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })

  // Watch the child's run record from here, and kill it a few pages in.
  const watcher = new Database(file, { readonly: true, fileMustExist: true })
  const runningPages = watcher
    .prepare<[], { pages: number }>('SELECT pages FROM sync_runs WHERE finished_at IS NULL')
    .pluck()
  let pages = 0
  for (let waited = 0; pages < 3; waited += 20) {
    if (waited > 20_000) throw new Error(`the child never stored 3 pages:\n${output}`)
    if (child.exitCode !== null) throw new Error(`the child exited early:\n${output}`)
    await sleep(20)
    pages = (runningPages.get() as number | undefined) ?? 0
  }
  child.kill('SIGKILL')
  expect(await exited).toBe('SIGKILL')
  watcher.close()
  sim.faults.reset()

  // The file is sound and lost nothing: every freight held before is there and not gone.
  const after = new Database(file)
  expect(after.pragma('integrity_check', { simple: true })).toBe('ok')
  const stillListed = new Set(
    after
      .prepare<[], { provider_id: string }>(
        'SELECT provider_id FROM freights WHERE gone_at IS NULL',
      )
      .all()
      .map((row) => row.provider_id),
  )
  for (const id of held) expect(stillListed.has(id)).toBe(true)
  // Nothing the killed run did not see was marked gone (the removed ones are still listed here).
  for (const id of removed) expect(stillListed.has(id)).toBe(true)
  const open = after
    .prepare<[], { outcome: string | null; pages: number }>(
      'SELECT outcome, pages FROM sync_runs WHERE finished_at IS NULL',
    )
    .all()
  expect(open).toHaveLength(1)
  after.close()

  // The next process closes the abandoned run and its sync completes.
  const next = startTestCore({ dir: temp.dir, secretService })
  cleanups.push(() => next.closeKeepingData())
  const runs = await next.call('sync.runs', { accountId: account.id, limit: 5 })
  expect(runs[0]).toMatchObject({ outcome: 'failed', errorCode: 'internal' })
  expect(runs[0]?.error).toMatch(/stopped during this sync/)
  await next.call('sync.start', { accountId: account.id })
  const end = await next.nextEvent('sync.progress', (p) => p.phase === 'finished')
  expect(end.outcome).toBe('completed')
  const [latest] = await next.call('sync.runs', { accountId: account.id, limit: 1 })
  expect(latest?.gone).toBe(removed.length)
  const final = next.core.cache.db
    .prepare<[], { provider_id: string }>('SELECT provider_id FROM freights WHERE gone_at IS NULL')
    .all()
    .map((row) => row.provider_id)
  expect(final.sort()).toEqual(transeuListedIds(sim).sort())
}, 60_000)
