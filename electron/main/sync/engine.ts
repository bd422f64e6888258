/**
 * The sync engine: per account, reads every freight list of the provider page by page (SpotGo:
 * its one list; Trans.eu: active, accepted, archived) and stores each page in one transaction.
 * One run per account at a time (a second request joins it), cancellable, recorded in
 * `sync_runs`, reported as `sync.progress`. Only a complete run marks the freights it did not see
 * as gone; a partial, failed or cancelled run changes nothing it did not see. What a run could not
 * read (items left out, items stored though read in part) is kept with the items as sent, for
 * the account's status and its diagnostic; the last run that read the lists replaces the earlier.
 */
import { randomUUID } from 'node:crypto'
import { providerLabels } from '@shared/domain/account'
import type { NormalizedFreight } from '@shared/domain/freight'
import type {
  SyncList,
  SyncOutcome,
  SyncPhase,
  SyncProgress,
  SyncRun,
  SyncStarted,
  SyncTrigger,
} from '@shared/domain/sync'
import { appError, type AppError } from '@shared/errors'
import type { Cache } from '../cache'
import type { StoredAccount } from '../cache/account-store'
import type { NewReadProblem, RunCounts, SyncStore, UnseenFreight } from '../cache/sync-store'
import type { EventHub } from '../events/event-hub'
import { describeError, type Logger } from '../log'
import { isAbortError, isProviderError, toAppError } from '../providers/errors'
import type { ItemProblem, PageRun } from '../providers/paging'
import type { AccountsService } from '../services/accounts'
import type { AccountClient } from '../services/accounts/provider-gateway'
import type { Connectivity } from './connectivity'

export interface SyncEngineOptions {
  cache: Pick<Cache, 'freights' | 'accounts'>
  store: SyncStore
  accounts: Pick<AccountsService, 'clientFor'>
  connectivity: Connectivity
  events: EventHub
  log: Logger
  now: () => Date
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

type ListSource = {
  list: SyncList
  /** Its part of the account's pages in flight, against the other lists still being read. */
  weight: number
  pages: (signal: AbortSignal, lookahead: () => number) => PageRun<NormalizedFreight>
}

const defaultLookahead = { spotgo: 2, transeu: 15 }
/** Problem items a run keeps with their payload for the details (all are counted). */
export const maxKeptReadProblems = 1_000
const defaultVerifyLimit = { spotgo: 10, transeu: 30 }

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { cache, store, accounts, connectivity, events, log } = options
  const lookahead = { ...defaultLookahead, ...options.lookahead }
  const verifyLimit = { ...defaultVerifyLimit, ...options.verifyLimit }
  const changedEventIntervalMs = options.changedEventIntervalMs ?? 1_000
  const running = new Map<string, Running>()
  const finishedListeners = new Set<(run: SyncRun) => void>()
  let disposed = false

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
    const done = execute(account, { runId, trigger, startedAt }, controller.signal).finally(() => {
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

  /**
   * Page 1 is not read a second time after the last page: a list that shifts while it is read
   * shows it by an item met twice, a freight it hid is checked one by one before anything is
   * marked gone (`verifyUnseen`), and one added at the top arrives with the next sync.
   */
  const once = { recheckFirstPage: false }

  function listsOf(handle: AccountClient): ListSource[] {
    switch (handle.provider) {
      case 'spotgo':
        return [
          {
            list: 'spotgo',
            weight: 1,
            pages: (signal, ahead) =>
              handle.client.freights({ lookahead: ahead, signal, pageSize: 100, ...once }),
          },
        ]
      case 'transeu':
        // Lifecycle order (active, accepted, archived): a freight moves only forward through
        // these lists. They are read at once; a freight met in two of them (it moved on during
        // the run) keeps the state of the later list (see `storePage`). The active list, what a
        // dispatcher works on, gets twice the pages in flight of the others: it fills first, and
        // the short lists end with few speculative pages past them.
        return (
          [
            ['active', 'freights', 2],
            ['accepted', 'accepted', 1],
            ['archive', 'archive', 1],
          ] as const
        ).map(([list, name, weight]) => ({
          list,
          weight,
          pages: (signal: AbortSignal, ahead: () => number) =>
            handle.client.freights(name, {}, { lookahead: ahead, signal, ...once }),
        }))
      case 'crego':
        return []
    }
  }

  /** Fetches one freight again: the freight, or null when the provider says it is gone. */
  async function fetchOne(
    handle: AccountClient,
    providerId: string,
    signal: AbortSignal,
  ): Promise<NormalizedFreight | null> {
    try {
      if (handle.provider === 'spotgo') return await handle.client.get(providerId, signal)
      if (handle.provider === 'transeu') return await handle.client.detail(providerId, signal)
      return null
    } catch (error) {
      if (isProviderError(error) && (error.kind === 'not_found' || error.kind === 'gone')) {
        return null
      }
      throw error
    }
  }

  async function execute(
    account: StoredAccount,
    { runId, trigger, startedAt }: { runId: string; trigger: SyncTrigger; startedAt: string },
    signal: AbortSignal,
  ): Promise<SyncRun> {
    const accountId = account.id
    const label = providerLabels[account.provider]
    const counts: RunCounts = {
      pages: 0,
      inserted: 0,
      changed: 0,
      unchanged: 0,
      gone: 0,
      rejected: 0,
      readInPart: 0,
    }
    let keptProblems = 0
    /** Keeps the page's problem items (up to the run's limit) for the account's status. */
    const keepProblems = (
      list: SyncList,
      rejected: readonly ItemProblem[],
      partial: readonly ItemProblem[],
    ) => {
      const problems: NewReadProblem[] = [
        ...rejected.map((item) => readProblem('not_read', list, item)),
        ...partial.map((item) => readProblem('read_in_part', list, item)),
      ].slice(0, Math.max(0, maxKeptReadProblems - keptProblems))
      if (problems.length === 0) return
      keptProblems += problems.length
      store.addReadProblems(accountId, runId, problems)
    }
    let currentList: SyncList | null = null
    let lastChangedEvent = 0
    let unannounced = false

    const progress = (phase: SyncPhase, outcome: SyncOutcome | null = null): SyncProgress => {
      const payload: SyncProgress = {
        accountId,
        runId,
        phase,
        list: phase === 'listing' ? currentList : null,
        pagesDone: counts.pages,
        itemsSoFar: counts.inserted + counts.changed + counts.unchanged,
        outcome,
      }
      connectivity.setRunning(accountId, phase === 'finished' ? null : payload)
      events.emit('sync.progress', payload)
      return payload
    }
    const announceChanges = (force: boolean) => {
      if (!unannounced) return
      const at = Date.now()
      if (!force && at - lastChangedEvent < changedEventIntervalMs) return
      lastChangedEvent = at
      unannounced = false
      events.emit('freights.changed', { reason: 'synced', accountId })
    }
    /** Per provider id, the lifecycle rank of the list this run stored it from. */
    const storedFrom = new Map<string, number>()
    const storePage = (freights: readonly NormalizedFreight[], rank = 0) => {
      // The lists are read at once, so a freight that moved on during the run can arrive from
      // its later list first: the copy from the earlier list is older and is not stored over it.
      const current = freights.filter((freight) => {
        if ((storedFrom.get(freight.providerId) ?? rank) > rank) return false
        storedFrom.set(freight.providerId, rank)
        return true
      })
      if (current.length === 0) return
      const stored = cache.freights.upsertBatch(accountId, runId, current)
      counts.inserted += stored.inserted
      counts.changed += stored.changed
      counts.unchanged += stored.unchanged
      if (stored.inserted + stored.changed + stored.reappeared > 0) unannounced = true
    }

    let outcome: SyncOutcome
    let error: AppError | null = null
    try {
      progress('starting')
      const handle = await accounts.clientFor(accountId)
      let shifted = false
      const sources = listsOf(handle)
      const budget = handle.provider === 'spotgo' ? lookahead.spotgo : lookahead.transeu
      let readingWeight = sources.reduce((sum, source) => sum + source.weight, 0)
      const shareOf = (source: ListSource) => () =>
        Math.max(1, Math.floor((budget * source.weight) / Math.max(1, readingWeight)))
      const lists = new AbortController()
      const stopLists = (reason: unknown) => {
        if (!lists.signal.aborted) lists.abort(reason)
      }
      const onCancel = () => stopLists(signal.reason)
      signal.addEventListener('abort', onCancel, { once: true })
      const readList = async (source: ListSource, rank: number) => {
        const pages = source.pages(lists.signal, shareOf(source))
        try {
          for await (const page of pages) {
            signal.throwIfAborted()
            currentList = source.list
            storePage(page.items, rank)
            if (!page.recheck) counts.pages++
            counts.rejected += page.rejected.length
            counts.readInPart += page.partial.length
            keepProblems(source.list, page.rejected, page.partial)
            store.updateRun(runId, counts)
            connectivity.report(accountId, null)
            progress('listing')
            announceChanges(false)
          }
        } catch (failure) {
          // One list failing ends the others: the run has failed already.
          stopLists(new DOMException('Another list failed.', 'AbortError'))
          throw failure
        } finally {
          readingWeight -= source.weight
        }
        if (pages.summary?.shifted) shifted = true
      }
      try {
        const results = await Promise.allSettled(sources.map(readList))
        signal.throwIfAborted()
        // The first failure in lifecycle order that is not the others being stopped for it.
        const failures = results
          .filter((result) => result.status === 'rejected')
          .map((result) => result.reason as unknown)
        const cause = failures.find((reason) => !isAbortError(reason)) ?? failures[0]
        if (failures.length > 0) throw cause
      } finally {
        signal.removeEventListener('abort', onCancel)
      }
      currentList = null

      progress('verifying')
      const verdict = await verifyUnseen(handle, store.unseen(accountId, runId), shifted, signal)
      for (const freight of verdict.found) storePage([freight])
      signal.throwIfAborted()
      if (counts.rejected > 0) {
        outcome = 'partial'
        error = {
          code: 'provider_error',
          message: `${label} sent ${counts.rejected} freight${counts.rejected === 1 ? '' : 's'} Freightdesk could not read, so no freight was marked as gone this time. The others are up to date; the account's status lists what could not be read.`,
        }
      } else if (!verdict.complete) {
        outcome = 'partial'
        error = {
          code: 'provider_error',
          message: `${label}'s lists changed while Freightdesk read them, so no freight was marked as gone this time. The next sync catches up.`,
        }
      } else {
        counts.gone = cache.freights.markGone(accountId, runId)
        if (counts.gone > 0) unannounced = true
        outcome = 'completed'
      }
    } catch (caught) {
      if (signal.aborted || isAbortError(caught)) {
        outcome = 'cancelled'
        error = {
          code: 'internal',
          message: disposed
            ? 'Sync stopped because Freightdesk was closing.'
            : 'Sync was cancelled. Freights stored so far are kept; nothing else changed.',
        }
      } else {
        outcome = 'failed'
        error = toAppError(caught, account.provider)
        if (error.code === 'internal') {
          log.error('a sync failed unexpectedly', { accountId, runId, ...describeError(caught) })
        } else {
          log.warn('a sync failed', { accountId, runId, code: error.code })
        }
        connectivity.report(accountId, error)
      }
    }

    const end = { outcome, error: error?.message ?? null, errorCode: error?.code ?? null }
    // What a run that read the lists could not read replaces what the last such run kept.
    if (outcome === 'completed' || outcome === 'partial') store.keepReadProblemsOf(accountId, runId)
    else store.dropReadProblems(runId)
    const finishedAt = options.now().toISOString()
    const run = store.finishRun(runId, finishedAt, counts, end) ?? {
      // The account was deleted during the run, its records with it.
      id: runId,
      accountId,
      trigger,
      startedAt,
      finishedAt,
      ...counts,
      ...end,
    }
    announceChanges(true)
    progress('finished', outcome)
    log.info('sync finished', {
      accountId,
      runId,
      outcome,
      pages: counts.pages,
      inserted: counts.inserted,
      changed: counts.changed,
      gone: counts.gone,
      rejected: counts.rejected,
      readInPart: counts.readInPart,
    })
    return run
  }

  /**
   * Checks the freights this run did not list with the provider, one by one: one still there is
   * stored (the list moved under the run), one gone stays unseen. When there are too many to
   * check, a sample is checked instead: if any of it is still there, or the pager saw the list
   * shift, the run cannot vouch for the rest.
   */
  async function verifyUnseen(
    handle: AccountClient,
    unseen: UnseenFreight[],
    shifted: boolean,
    signal: AbortSignal,
  ): Promise<{ complete: boolean; found: NormalizedFreight[] }> {
    if (unseen.length === 0) return { complete: true, found: [] }
    const limit = handle.provider === 'spotgo' ? verifyLimit.spotgo : verifyLimit.transeu
    const checked = unseen.slice(0, limit)
    const found: NormalizedFreight[] = []
    for (const freight of checked) {
      signal.throwIfAborted()
      const again = await fetchOne(handle, freight.providerId, signal)
      if (again) found.push(again)
    }
    const everyOneChecked = checked.length === unseen.length
    return { complete: everyOneChecked || (!shifted && found.length === 0), found }
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

function readProblem(
  kind: NewReadProblem['kind'],
  list: SyncList,
  item: ItemProblem,
): NewReadProblem {
  return {
    kind,
    list,
    page: item.page,
    position: item.index,
    providerId: item.id,
    reasons: item.reasons,
    raw: item.raw,
  }
}
