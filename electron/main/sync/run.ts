/**
 * One sync run of one account: reads the provider's lists at once, stores each page in one
 * transaction, keeps what could not be read, checks the freights it did not see one by one, and
 * marks the rest gone only when the run was complete. Reports progress and changes as events.
 */
import { providerLabels } from '@shared/domain/account'
import type { NormalizedFreight } from '@shared/domain/freight'
import type {
  SyncList,
  SyncOutcome,
  SyncPhase,
  SyncProgress,
  SyncRun,
  SyncTrigger,
} from '@shared/domain/sync'
import type { AppError } from '@shared/errors'
import type { StoredAccount } from '../cache/account-store'
import type { NewReadProblem, RunCounts, UnseenFreight } from '../cache/sync-store'
import { describeError } from '../log'
import { isAbortError, toAppError } from '../providers/errors'
import type { ItemProblem } from '../providers/paging'
import type { AccountClient } from '../services/accounts/provider-gateway'
import { fetchOne, listsOf, type ListSource } from './provider-lists'
import type { SyncDependencies } from './dependencies'

/** Problem items a run keeps with their payload for the details (all are counted). */
const maxKeptReadProblems = 1_000

/** What a run works with; the engine builds it once. */
export interface RunContext extends SyncDependencies {
  lookahead: { spotgo: number; transeu: number }
  verifyLimit: { spotgo: number; transeu: number }
  changedEventIntervalMs: number
  /** Whether the app is closing (a cancelled run says so). */
  closing(): boolean
}

export async function executeRun(
  context: RunContext,
  account: StoredAccount,
  { runId, trigger, startedAt }: { runId: string; trigger: SyncTrigger; startedAt: string },
  signal: AbortSignal,
): Promise<SyncRun> {
  const { cache, store, accounts, connectivity, events, log, lookahead } = context
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
    if (!force && at - lastChangedEvent < context.changedEventIntervalMs) return
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
    const verdict = await verifyUnseen(
      context,
      handle,
      store.unseen(accountId, runId),
      shifted,
      signal,
    )
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
        message: context.closing()
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
  const finishedAt = context.now().toISOString()
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
  { verifyLimit }: RunContext,
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
