/**
 * When syncs run by themselves: every account once when the core starts, then each on its own
 * interval (`syncIntervalMinutes`), a new or newly signed-in account at once, and an account that
 * comes back online (its outbox is replayed by then). Accounts that are offline or need signing in
 * wait: connectivity re-probes them and says when they are back.
 */
import type { SyncStore } from '../cache/sync-store'
import type { EventHub } from '../events/event-hub'
import { describeError, type Logger } from '../log'
import type { Connectivity } from './connectivity'
import type { SyncEngine } from './engine'

export interface SchedulerOptions {
  engine: SyncEngine
  store: SyncStore
  connectivity: Connectivity
  events: EventHub
  log: Logger
  now: () => Date
  /** How often due accounts are looked for (default 30 s). */
  tickMs?: number
}

export interface Scheduler {
  start(): void
  stop(): void
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { engine, store, connectivity, events, log } = options
  const tickMs = options.tickMs ?? 30_000
  let timer: NodeJS.Timeout | null = null
  const cleanups: Array<() => void> = []

  const launch = (accountId: string, trigger: 'start' | 'schedule' | 'reconnect') => {
    try {
      engine.begin(accountId, trigger)
    } catch (error) {
      log.warn('a scheduled sync did not start', { accountId, ...describeError(error) })
    }
  }

  function tick() {
    const now = options.now().getTime()
    for (const account of engine.syncableAccounts()) {
      if (engine.isRunning(account.id)) continue
      const state = connectivity.of(account.id).state
      if (state === 'offline' || state === 'needs_sign_in') continue
      const last = store.runs(account.id, 1)[0]
      const due = !last || Date.parse(last.startedAt) + account.syncIntervalMinutes * 60_000 <= now
      if (due) launch(account.id, 'schedule')
    }
  }

  return {
    start() {
      if (timer) return
      for (const account of engine.syncableAccounts()) launch(account.id, 'start')
      timer = setInterval(tick, tickMs)
      timer.unref()
      cleanups.push(
        connectivity.onOnline((accountId) => {
          if (engine.syncableAccounts().some((account) => account.id === accountId)) {
            launch(accountId, 'reconnect')
          }
        }),
        events.subscribe((name, payload) => {
          if (name !== 'accounts.changed') return
          const { reason, accountId } = payload as { reason: string; accountId: string }
          if (reason !== 'added' && reason !== 'signed_in') return
          // A Trans.eu account is added before it is signed in; its sign-in starts the sync.
          if (reason === 'added' && connectivity.of(accountId).state === 'needs_sign_in') return
          if (engine.syncableAccounts().some((account) => account.id === accountId)) {
            launch(accountId, 'start')
          }
        }),
      )
    },
    stop() {
      if (timer) clearInterval(timer)
      timer = null
      for (const cleanup of cleanups.splice(0)) cleanup()
    },
  }
}
