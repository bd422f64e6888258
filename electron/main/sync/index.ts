/**
 * Sync, connectivity and the outbox, built together: the engine reports to connectivity, an
 * account coming back online replays its outbox, a finished sync replays it too, and the
 * scheduler (off in tests) starts runs by itself.
 */
import type { Cache } from '../cache'
import type { SyncStore } from '../cache/sync-store'
import type { EventHub } from '../events/event-hub'
import { describeError, type Logger } from '../log'
import type { AccountsService } from '../services/accounts'
import { createConnectivity, type Connectivity } from './connectivity'
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from './engine'
import { createOutbox, type OutboxService } from './outbox'
import { createScheduler } from './scheduler'
import type { SyncDependencies } from './dependencies'

export interface SyncSettings {
  /**
   * Start the scheduler: a run per account when the core starts, then on each account's interval,
   * on sign-in and on reconnecting. Default false: the shells (Electron, web host) turn it on;
   * tests start runs themselves.
   */
  schedule?: boolean
  /** With `schedule`: wait for `startScheduler()` instead of starting at once. */
  holdSchedule?: boolean
  /** How often the scheduler looks for due accounts (default 30 s). */
  tickMs?: number
  /** Pauses between re-probes of an unreachable account. */
  reprobeDelaysMs?: readonly number[]
  lookahead?: SyncEngineOptions['lookahead']
  verifyLimit?: SyncEngineOptions['verifyLimit']
}

export interface SyncServices {
  store: SyncStore
  engine: SyncEngine
  connectivity: Connectivity
  outbox: OutboxService
  /**
   * Starts the scheduler when `schedule` was set but `holdSchedule` kept it waiting (the core
   * brings the sandbox simulators back first). Safe to call more than once.
   */
  startScheduler(): void
  dispose(): Promise<void>
}

export function createSyncServices(deps: {
  cache: Cache
  accounts: AccountsService
  events: EventHub
  log: Logger
  now?: () => Date
  settings?: SyncSettings
}): SyncServices {
  const { cache, accounts, events, log } = deps
  const settings = deps.settings ?? {}
  const now = deps.now ?? (() => new Date())
  const store = cache.sync
  const connectivity = createConnectivity({
    accountStore: cache.accounts,
    accounts,
    store,
    events,
    log,
    now,
    reprobeDelaysMs: settings.reprobeDelaysMs,
  })
  const dependencies: SyncDependencies = { cache, store, accounts, connectivity, events, log, now }
  const engine = createSyncEngine({
    ...dependencies,
    lookahead: settings.lookahead,
    verifyLimit: settings.verifyLimit,
  })
  const outbox = createOutbox(dependencies)
  const replay = (accountId: string) =>
    void outbox
      .replay(accountId)
      .catch((error: unknown) =>
        log.error('replaying the outbox failed', { accountId, ...describeError(error) }),
      )
  const cleanups = [
    connectivity.onOnline(replay),
    events.subscribe((name, payload) => {
      if (name === 'accounts.changed' && (payload as { reason: string }).reason === 'removed') {
        engine.cancel((payload as { accountId: string }).accountId)
      }
    }),
    engine.onFinished((run) => {
      if (run.outcome !== 'failed' && run.outcome !== 'cancelled') replay(run.accountId)
    }),
  ]
  const scheduler = createScheduler({
    engine,
    store,
    connectivity,
    events,
    log,
    now,
    tickMs: settings.tickMs,
  })
  let disposed = false
  if ((settings.schedule ?? false) && !settings.holdSchedule) scheduler.start()

  return {
    store,
    engine,
    connectivity,
    outbox,
    startScheduler() {
      if (disposed || !(settings.schedule ?? false)) return
      scheduler.start()
      // Accounts the start does not sync (Crego) are asked whether their provider answers, so
      // the status bar knows from the start.
      const synced = new Set(engine.syncableAccounts().map((account) => account.id))
      for (const account of cache.accounts.list()) {
        if (synced.has(account.id)) continue
        void connectivity.probe(account.id).catch((error: unknown) =>
          log.warn('probing an account at start failed', {
            accountId: account.id,
            ...describeError(error),
          }),
        )
      }
    },
    async dispose() {
      disposed = true
      scheduler.stop()
      for (const cleanup of cleanups) cleanup()
      connectivity.dispose()
      await engine.dispose()
      await outbox.dispose()
    },
  }
}
