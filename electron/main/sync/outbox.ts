/**
 * The outbox: provider changes (withdrawing a SpotGo freight or setting its price, deleting a
 * Trans.eu draft) that could not be sent because the provider was unreachable. They are replayed in the order they
 * were made when the provider answers again. An item the provider refuses keeps its error and
 * waits for the dispatcher to retry or discard it (later changes to the same freight wait behind
 * it); nothing is ever dropped silently.
 */
import { createFormat } from '@shared/format'
import { freightNumber } from '@shared/freight-format'
import type { FreightDetail, NormalizedFreight } from '@shared/domain/freight'
import type {
  FreightDeleteResult,
  FreightPriceChange,
  OutboxItem,
  OutboxKind,
  ProviderChangeResult,
} from '@shared/domain/sync'
import { appError, isAppErrorException, type AppError } from '@shared/errors'
import type { Cache } from '../cache'
import { describeError } from '../log'
import { isProviderError, toAppError } from '../providers/errors'
import type { SyncDependencies } from './dependencies'

export interface OutboxOptions extends Omit<SyncDependencies, 'cache'> {
  cache: Pick<Cache, 'freights'>
}

export interface OutboxService {
  /**
   * Withdraws a SpotGo freight or deletes a Trans.eu draft: at the provider right away, or,
   * when it cannot be reached (or earlier changes of the account still wait), queued.
   */
  deleteFreight(freightId: number): Promise<FreightDeleteResult>
  /**
   * Sets a new price on a SpotGo freight: at SpotGo right away (the cache then holds what SpotGo
   * answered), or queued when it cannot be reached or earlier changes of the account still wait.
   */
  changePrice(freightId: number, change: FreightPriceChange): Promise<ProviderChangeResult>
  list(): OutboxItem[]
  /** Sends the item again now (and whatever waits before it); answers the outbox afterwards. */
  retry(id: number): Promise<OutboxItem[]>
  discard(id: number): OutboxItem[]
  /** Sends the account's waiting items in order; stops at the first the provider cannot take yet. */
  replay(accountId: string): Promise<void>
  counts(): { pending: number; failed: number }
  /** Waits for replays under way. */
  dispose(): Promise<void>
}

/** Codes that mean "not now" rather than "no": the item stays pending and replay stops. */
const notNowCodes = new Set<AppError['code']>(['offline', 'auth_required', 'rate_limited'])

export function createOutbox(options: OutboxOptions): OutboxService {
  const { cache, store, accounts, connectivity, events, log } = options
  /** One replay per account at a time; a request during one runs once it ends. */
  const replays = new Map<string, Promise<void>>()
  const again = new Set<string>()

  const changed = () => events.emit('outbox.changed', store.outboxCounts())

  function kindFor(detail: FreightDetail): OutboxKind {
    const freight = detail.freight
    if (freight.goneAt !== null) {
      throw appError(
        'conflict',
        'This freight is no longer listed by its provider, so there is nothing to withdraw.',
      )
    }
    if (freight.provider === 'spotgo') return 'spotgo.delete'
    if (freight.status !== 'draft') {
      throw appError(
        'validation',
        `Trans.eu lets only drafts (status "new") be deleted; this freight is ${freight.statusRaw}. Withdraw it on Trans.eu instead.`,
        { fields: { id: 'Not a Trans.eu draft' } },
      )
    }
    return 'transeu.deleteDraft'
  }

  function summaryOf(kind: OutboxKind, detail: FreightDetail): string {
    const name = freightNumber(detail.freight)
    return kind === 'spotgo.delete'
      ? `Withdraw SpotGo freight ${name}`
      : `Delete Trans.eu draft ${name}`
  }

  type Sendable = Pick<OutboxItem, 'accountId' | 'kind' | 'providerId' | 'priceChange'>

  /**
   * Sends one change. A withdrawal or deletion of a freight already gone counts as done; a new
   * price answers the freight as the provider holds it now.
   */
  async function send(item: Sendable): Promise<NormalizedFreight | null> {
    const handle = await accounts.clientFor(item.accountId)
    if (item.kind === 'spotgo.changePrice' && handle.provider === 'spotgo') {
      if (!item.priceChange) {
        throw appError(
          'validation',
          'This queued price change could not be read back. Discard it and set the price again.',
        )
      }
      try {
        return await handle.client.changePrice(item.providerId, item.priceChange)
      } catch (error) {
        if (isProviderError(error) && (error.kind === 'not_found' || error.kind === 'gone')) {
          throw appError(
            'not_found',
            'SpotGo no longer has this freight, so its price cannot be changed. Discard the change.',
          )
        }
        throw error
      }
    }
    try {
      if (item.kind === 'spotgo.delete' && handle.provider === 'spotgo') {
        await handle.client.delete(item.providerId)
      } else if (item.kind === 'transeu.deleteDraft' && handle.provider === 'transeu') {
        await handle.client.deleteDraft(item.providerId)
      } else {
        throw appError('internal', 'This change does not belong to this account.')
      }
    } catch (error) {
      if (isProviderError(error) && (error.kind === 'not_found' || error.kind === 'gone')) {
        return null
      }
      throw error
    }
    return null
  }

  /** After the provider took a change: the cache follows (gone, or the freight it answered). */
  function done(
    item: { kind: OutboxKind; freightId: number | null; accountId: string },
    answered: NormalizedFreight | null,
  ) {
    const { freightId, accountId } = item
    if (item.kind === 'spotgo.changePrice') {
      const id = answered ? cache.freights.applyChange(accountId, answered) : null
      if (id !== null) events.emit('freights.changed', { reason: 'synced', ids: [id], accountId })
      return
    }
    if (freightId !== null && store.markFreightGone(freightId, options.now())) {
      events.emit('freights.changed', { reason: 'synced', ids: [freightId], accountId })
    }
  }

  function errorOf(caught: unknown, accountId: string): AppError {
    const error = toAppError(caught)
    if (!isAppErrorException(caught)) {
      log.error('sending an outbox change failed unexpectedly', {
        accountId,
        ...describeError(caught),
      })
    }
    return error
  }

  async function replayOnce(accountId: string): Promise<void> {
    const blocked = new Set<string>()
    let sent = false
    for (const item of store.outboxOf(accountId)) {
      if (item.state === 'failed') {
        blocked.add(item.providerId)
        continue
      }
      if (blocked.has(item.providerId)) continue
      const at = options.now().toISOString()
      try {
        const answered = await send(item)
        store.removeOutbox(item.id)
        sent = true
        connectivity.report(accountId, null)
        done(item, answered)
        log.info('sent a queued change', { accountId, item: item.id, kind: item.kind })
        changed()
      } catch (caught) {
        const error = errorOf(caught, accountId)
        if (notNowCodes.has(error.code)) {
          store.outboxAttempted(item.id, at, 'pending', error)
          connectivity.report(accountId, error)
          changed()
          return
        }
        store.outboxAttempted(item.id, at, 'failed', error)
        connectivity.report(accountId, error)
        blocked.add(item.providerId)
        log.warn('the provider refused a queued change', {
          accountId,
          item: item.id,
          code: error.code,
        })
        changed()
      }
    }
    if (sent) log.info('outbox replayed', { accountId })
  }

  function replay(accountId: string): Promise<void> {
    const going = replays.get(accountId)
    if (going) {
      again.add(accountId)
      return going
    }
    const run = (async () => {
      do {
        again.delete(accountId)
        await replayOnce(accountId)
      } while (again.has(accountId))
    })().finally(() => replays.delete(accountId))
    replays.set(accountId, run)
    return run
  }

  function cachedFreight(freightId: number): FreightDetail {
    const detail = cache.freights.get(freightId)
    if (!detail) {
      throw appError(
        'not_found',
        'This freight is no longer in the offline cache. Reload the list.',
        {
          fields: { id: 'No cached freight has this id' },
        },
      )
    }
    return detail
  }

  /**
   * Sends a change now, or queues it: behind earlier changes of the account that still wait, or
   * when the provider cannot be reached. A refusal is thrown to the caller, never queued.
   */
  async function submit(
    detail: FreightDetail,
    change: { kind: OutboxKind; summary: string; priceChange: FreightPriceChange | null },
    duplicateOf?: (item: OutboxItem) => boolean,
  ): Promise<ProviderChangeResult> {
    const { accountId, providerId, id: freightId } = detail.freight
    const { kind, priceChange } = change
    const queued = duplicateOf && store.outboxOf(accountId).find(duplicateOf)
    if (queued) return { outcome: 'queued', outboxItem: queued }

    const enqueue = (error: AppError | null): ProviderChangeResult => {
      const item = store.addOutbox(
        { accountId, kind, freightId, providerId, summary: change.summary, priceChange },
        options.now().toISOString(),
      )
      if (error) store.outboxAttempted(item.id, options.now().toISOString(), 'pending', error)
      changed()
      return { outcome: 'queued', outboxItem: store.outboxItem(item.id) ?? item }
    }

    // Earlier changes of this account still wait: this one goes behind them, in order.
    if (store.outboxOf(accountId).some((item) => item.state === 'pending')) {
      const result = enqueue(null)
      if (connectivity.of(accountId).state === 'online') void replay(accountId)
      return result
    }
    let answered: NormalizedFreight | null
    try {
      answered = await send({ accountId, kind, providerId, priceChange })
    } catch (caught) {
      const error = errorOf(caught, accountId)
      connectivity.report(accountId, error)
      if (error.code === 'offline') return enqueue(error)
      throw caught
    }
    connectivity.report(accountId, null)
    done({ kind, freightId, accountId }, answered)
    return { outcome: 'done', outboxItem: null }
  }

  return {
    async deleteFreight(freightId) {
      const detail = cachedFreight(freightId)
      const kind = kindFor(detail)
      return submit(
        detail,
        { kind, summary: summaryOf(kind, detail), priceChange: null },
        (item) => item.providerId === detail.freight.providerId && item.kind === kind,
      )
    },

    async changePrice(freightId, change) {
      const detail = cachedFreight(freightId)
      const freight = detail.freight
      if (freight.provider !== 'spotgo') {
        throw appError(
          'validation',
          'Freightdesk changes prices of SpotGo freights only; change this one on Trans.eu.',
          { fields: { id: 'Not a SpotGo freight' } },
        )
      }
      if (freight.goneAt !== null) {
        throw appError(
          'conflict',
          'This freight is no longer listed by SpotGo, so its price cannot be changed.',
        )
      }
      // Main runs on the dispatcher's machine: its locale and zone are the dispatcher's.
      const format = createFormat()
      const ceiling =
        change.ceiling === null ? '' : ` (up to ${format.money(change.ceiling, change.currency)})`
      return submit(detail, {
        kind: 'spotgo.changePrice',
        summary: `Set the price of SpotGo freight ${freightNumber(freight)} to ${format.money(change.price, change.currency)}${ceiling}, ${change.paymentTermDays} days`,
        priceChange: change,
      })
    },

    list: () => store.outbox(),

    async retry(id) {
      const item = store.outboxItem(id)
      if (!item) throw missingItem()
      store.outboxRequeue(id)
      changed()
      await replay(item.accountId)
      return store.outbox()
    },

    discard(id) {
      const item = store.outboxItem(id)
      if (!item || !store.removeOutbox(id)) throw missingItem()
      log.info('discarded a queued change', { accountId: item.accountId, item: id })
      changed()
      return store.outbox()
    },

    replay,
    counts: () => store.outboxCounts(),
    async dispose() {
      await Promise.allSettled([...replays.values()])
    },
  }
}

function missingItem() {
  return appError('not_found', 'This change is no longer in the outbox. Reload the outbox.', {
    fields: { id: 'No such outbox item' },
  })
}
