/**
 * The sync engine (one run is run.ts): per account, reads every freight list of the provider page by page (SpotGo:
 * its one list; Trans.eu: active, accepted, archived) and stores each page in one transaction.
 * One run per account at a time (a second request joins it), cancellable, recorded in
 * `sync_runs`, reported as `sync.progress`. Only a complete run marks the freights it did not see
 * as gone; a partial, failed or cancelled run changes nothing it did not see. What a run could not
 * read (items left out, items stored though read in part) is kept with the items as sent, for
 * the account's status and its diagnostic; the last run that read the lists replaces the earlier.
 */
import { randomUUID } from 'node:crypto'
import { providerLabels } from '@shared/domain/account'
import type { SyncRun, SyncStarted, SyncTrigger } from '@shared/domain/sync'
import { appError } from '@shared/errors'
import type { StoredAccount } from '../cache/account-store'
import { describeError } from '../log'
import { executeRun, type RunContext } from './run'
import type { SyncDependencies } from './dependencies'

export interface SyncEngineOptions extends SyncDependencies {
  /**
   * Pages in flight for one account. Trans.eu answers 15 requests a second and tells no total:
   * its three lists are read at once and share 15 pages ahead (the rate limiter paces them;
   * 7 for the active list, 3 for each other), handed on as lists end, so a list's end wastes few
   * speculative requests and no list waits for another. SpotGo allows 100 a minute and pages of
   * 100, so 2 are plenty.
   */
  lookahead?: { spotgo?: number; transeu?: number }
  /**
   * Unseen freights checked one by one with the provider before they are marked gone. When
   * there are more, a sample this large is checked and must all be gone.
   */
  verifyLimit?: { spotgo?: number; transeu?: number }
  /** The shortest pause between `freights.changed` events during a run. */
  changedEventIntervalMs?: number
}

export interface StartedRun {
  accountId: string
  runId: string
  joined: boolean
  /** Resolves with the run record when the run ended (never rejects). */
  done: Promise<SyncRun>
}

export interface SyncEngine {
  /** Starts (or joins) a run of every syncable account, or of one. Answers at once. */
  start(accountId: string | undefined, trigger: SyncTrigger): SyncStarted
  /** Starts or joins a run of one account. */
  begin(accountId: string, trigger: SyncTrigger): StartedRun
  /** Cancels the run of one account or every run; resolves with how many were running. */
  cancel(accountId?: string): number
  isRunning(accountId: string): boolean
  runs(accountId: string, limit: number): SyncRun[]
  /** Accounts with freights to sync (SpotGo and Trans.eu, not removed). */
  syncableAccounts(): StoredAccount[]
  /** Listeners hear every run that ended. */
  onFinished(listener: (run: SyncRun) => void): () => void
  /** Cancels every run and waits for them to end. */
  dispose(): Promise<void>
}

interface Running {
  runId: string
  controller: AbortController
  done: Promise<SyncRun>
}

const defaultLookahead = { spotgo: 2, transeu: 15 }
const defaultVerifyLimit = { spotgo: 10, transeu: 30 }

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { cache, store, log } = options
  const lookahead = { ...defaultLookahead, ...options.lookahead }
  const verifyLimit = { ...defaultVerifyLimit, ...options.verifyLimit }
  const changedEventIntervalMs = options.changedEventIntervalMs ?? 1_000
  const running = new Map<string, Running>()
  const finishedListeners = new Set<(run: SyncRun) => void>()
  let disposed = false
  const runContext: RunContext = {
    ...options,
    lookahead,
    verifyLimit,
    changedEventIntervalMs,
    closing: () => disposed,
  }

  // Runs a previous process left open (it was killed or crashed mid-run) did not finish.
  const abandoned = store.closeAbandonedRuns(
    options.now().toISOString(),
    'Freightdesk stopped during this sync. Nothing it had not seen was changed; the next sync starts over.',
  )
  if (abandoned > 0) log.warn('closed sync runs a previous process left open', { abandoned })

  function syncable(account: StoredAccount): boolean {
    return account.provider === 'spotgo' || account.provider === 'transeu'
  }

  function accountFor(accountId: string): StoredAccount {
    const account = cache.accounts.get(accountId)
    if (!account) {
      throw appError('not_found', 'This account no longer exists. Reload the accounts list.', {
        fields: { accountId: 'No such account' },
      })
    }
    if (!syncable(account)) {
      throw appError(
        'validation',
        `${providerLabels[account.provider]} accounts hold documents, not freights: there is nothing to sync.`,
        { fields: { accountId: 'Not a SpotGo or Trans.eu account' } },
      )
    }
    return account
  }

  function begin(accountId: string, trigger: SyncTrigger): StartedRun {
    if (disposed) throw appError('internal', 'Freightdesk is closing; sync was not started.')
    const going = running.get(accountId)
    if (going) return { accountId, runId: going.runId, joined: true, done: going.done }
    const account = accountFor(accountId)
    const runId = randomUUID()
    const controller = new AbortController()
    const startedAt = options.now().toISOString()
    store.startRun({ id: runId, accountId, trigger, startedAt })
    const done = executeRun(
      runContext,
      account,
      { runId, trigger, startedAt },
      controller.signal,
    ).finally(() => {
      running.delete(accountId)
    })
    running.set(accountId, { runId, controller, done })
    void done.then((run) => {
      for (const listener of [...finishedListeners]) {
        try {
          listener(run)
        } catch (error) {
          log.error('a sync-finished listener failed', describeError(error))
        }
      }
    })
    return { accountId, runId, joined: false, done }
  }

  return {
    start(accountId, trigger) {
      const ids = accountId
        ? [accountId]
        : cache.accounts
            .list()
            .filter(syncable)
            .map((account) => account.id)
      return {
        runs: ids.map((id) => {
          const { runId, joined } = begin(id, trigger)
          return { accountId: id, runId, joined }
        }),
      }
    },
    begin,
    cancel(accountId) {
      const targets = accountId
        ? [running.get(accountId)].filter((run): run is Running => run !== undefined)
        : [...running.values()]
      for (const run of targets) run.controller.abort(new DOMException('Cancelled.', 'AbortError'))
      return targets.length
    },
    isRunning: (accountId) => running.has(accountId),
    runs: (accountId, limit) => store.runs(accountId, limit),
    syncableAccounts: () => cache.accounts.list().filter(syncable),
    onFinished(listener) {
      finishedListeners.add(listener)
      return () => finishedListeners.delete(listener)
    },
    async dispose() {
      disposed = true
      const going = [...running.values()]
      for (const run of going) run.controller.abort(new DOMException('Closing.', 'AbortError'))
      await Promise.all(going.map((run) => run.done))
      finishedListeners.clear()
    },
  }
}
