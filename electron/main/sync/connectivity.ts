/**
 * Each account's connectivity: online, offline, needs sign-in or provider error. Measured by the
 * clients' `probe()` and by the outcome of every real call (any answer from the provider means
 * online), never by the operating system's idea of the network. While an account is offline or
 * its provider fails, it is probed again with a growing pause; when it is back, listeners hear of
 * it (the outbox replays, the scheduler syncs).
 */
import type { AccountConnectivity, ConnectivityState, SyncProgress } from '@shared/domain/sync'
import { providerLabels } from '@shared/domain/account'
import type { AppError } from '@shared/errors'
import { isAppErrorException } from '@shared/errors'
import type { AccountStore, StoredAccount } from '../cache/account-store'
import type { SyncStore } from '../cache/sync-store'
import type { EventHub } from '../events/event-hub'
import { describeError, type Logger } from '../log'
import type { ProbeResult } from '../providers/probe'
import type { AccountsService } from '../services/accounts'

export interface ConnectivityOptions {
  accountStore: AccountStore
  accounts: Pick<AccountsService, 'clientFor' | 'recordOutcome'>
  store: SyncStore
  events: EventHub
  log: Logger
  now: () => Date
  /** Pauses before each re-probe while offline; the last repeats (default 5 s up to 5 min). */
  reprobeDelaysMs?: readonly number[]
}

export interface Connectivity {
  /** Every account that is not removed. */
  get(): AccountConnectivity[]
  of(accountId: string): AccountConnectivity
  /**
   * What a real call taught: null for an answer from the provider, or the error. Errors that
   * say nothing about the connection (validation, not found, conflict, rate limited) count as
   * an answer.
   */
  report(accountId: string, error: AppError | null): void
  /** Probes the account now; resolves with its state afterwards. */
  probe(accountId: string): Promise<AccountConnectivity>
  /** The run going (null when none), shown with the state. Emits on start and end only. */
  setRunning(accountId: string, progress: SyncProgress | null): void
  /** Listeners hear when an account comes back online from any other state. */
  onOnline(listener: (accountId: string) => void): () => void
  /**
   * While accounts are being set up again (sample data coming back switched offline), what their
   * calls and probes teach is not the state to show: the last known state stays until `release`,
   * which probes them. Returns the release function.
   */
  hold(accountIds: readonly string[]): () => Promise<void>
  forget(accountId: string): void
  dispose(): void
}

/** 5 s, 15 s, 30 s, 1 min, 2 min, then every 5 min. */
export const defaultReprobeDelaysMs = [5_000, 15_000, 30_000, 60_000, 120_000, 300_000] as const

interface Known {
  state: ConnectivityState
  message: string | null
  since: string
  running: SyncProgress | null
  /** Index into the re-probe delays; reset when online. */
  attempt: number
  /** Whether a probe or call of this run has answered. */
  checked: boolean
  timer: NodeJS.Timeout | null
}

export function createConnectivity(options: ConnectivityOptions): Connectivity {
  const { accountStore, accounts, store, events, log } = options
  const delays = options.reprobeDelaysMs ?? defaultReprobeDelaysMs
  const known = new Map<string, Known>()
  const onlineListeners = new Set<(accountId: string) => void>()
  const probing = new Map<string, Promise<AccountConnectivity>>()
  const held = new Set<string>()
  let disposed = false

  function entry(account: StoredAccount): Known {
    let current = known.get(account.id)
    if (!current) {
      current = {
        ...fromStoredStatus(account),
        since: account.statusCheckedAt,
        running: null,
        attempt: 0,
        checked: false,
        timer: null,
      }
      known.set(account.id, current)
    }
    return current
  }

  function present(account: StoredAccount): AccountConnectivity {
    const current = entry(account)
    return {
      accountId: account.id,
      state: current.state,
      message: current.message,
      since: current.since,
      checked: current.checked,
      lastSyncedAt: store.lastSyncedAt(account.id),
      readProblems: store.lastReadRun(account.id)?.counts ?? { notRead: 0, readInPart: 0 },
      running: current.running,
    }
  }

  function emit(accountId: string) {
    const account = accountStore.get(accountId)
    if (account) events.emit('connectivity.changed', present(account))
  }

  function set(account: StoredAccount, state: ConnectivityState, message: string | null) {
    const current = entry(account)
    const wasOnline = current.state === 'online'
    const firstAnswer = !current.checked
    current.checked = true
    if (current.state !== state || current.message !== message || firstAnswer) {
      if (current.state !== state) current.since = options.now().toISOString()
      current.state = state
      current.message = message
      emit(account.id)
    }
    if (state === 'online') {
      current.attempt = 0
      clearTimer(current)
      if (!wasOnline) {
        for (const listener of [...onlineListeners]) {
          try {
            listener(account.id)
          } catch (error) {
            log.error('a listener for an account coming online failed', describeError(error))
          }
        }
      }
    } else if (state === 'offline' || state === 'provider_error') {
      scheduleReprobe(account.id, current)
    } else {
      // Needs sign-in: probing again cannot help until the dispatcher signs in.
      clearTimer(current)
    }
  }

  function clearTimer(current: Known) {
    if (current.timer) clearTimeout(current.timer)
    current.timer = null
  }

  function scheduleReprobe(accountId: string, current: Known) {
    if (disposed || current.timer) return
    const delay = delays[Math.min(current.attempt, delays.length - 1)] ?? 300_000
    current.attempt++
    current.timer = setTimeout(() => {
      current.timer = null
      void probe(accountId).catch((error: unknown) =>
        log.warn('re-probing an account failed', { accountId, ...describeError(error) }),
      )
    }, delay)
    // A pending re-probe never keeps the process alive on its own.
    current.timer.unref()
  }

  function report(accountId: string, error: AppError | null) {
    if (held.has(accountId)) return
    const account = accountStore.get(accountId)
    if (!account) return
    const next = stateOf(account, error)
    if (!next) return
    set(account, next.state, next.message)
    accounts.recordOutcome(accountId, next.state === 'online' ? null : error)
  }

  async function runProbe(accountId: string): Promise<AccountConnectivity> {
    const account = accountStore.get(accountId)
    if (!account) throw new Error(`No account ${accountId}`)
    let error: AppError | null
    try {
      const handle = await accounts.clientFor(accountId)
      const result: ProbeResult = await handle.client.probe()
      error = result.outcome === 'ok' ? null : (result.error ?? unknownProbeError(account))
    } catch (caught) {
      error = isAppErrorException(caught) ? caught.error : unknownProbeError(account)
      if (!isAppErrorException(caught))
        log.error('a probe failed unexpectedly', describeError(caught))
    }
    if (!disposed) report(accountId, error)
    const after = accountStore.get(accountId)
    if (!after) throw new Error(`No account ${accountId}`)
    return present(after)
  }

  function probe(accountId: string): Promise<AccountConnectivity> {
    const going = probing.get(accountId)
    if (going) return going
    const started = runProbe(accountId).finally(() => probing.delete(accountId))
    probing.set(accountId, started)
    return started
  }

  const unsubscribe = events.subscribe((name, payload) => {
    if (name !== 'accounts.changed') return
    const { reason, accountId } = payload as { reason: string; accountId: string }
    if (reason === 'removed') {
      forget(accountId)
      return
    }
    if ((reason === 'signed_in' || reason === 'updated') && !held.has(accountId)) {
      // New credentials or settings: what was known about the old ones no longer holds.
      const current = known.get(accountId)
      if (current) clearTimer(current)
      void probe(accountId).catch(() => undefined)
    }
  })

  function forget(accountId: string) {
    const current = known.get(accountId)
    if (current) clearTimer(current)
    known.delete(accountId)
  }

  /**
   * Asks the provider of an account this run has not heard from yet: whoever reads the state
   * first (the status bar) soon learns a checked one, whether or not syncs are scheduled.
   */
  function checkUnheard(account: StoredAccount) {
    if (disposed || held.has(account.id) || probing.has(account.id)) return
    if (entry(account).checked) return
    void probe(account.id).catch((error: unknown) =>
      log.warn('probing an account not heard from failed', {
        accountId: account.id,
        ...describeError(error),
      }),
    )
  }

  return {
    get: () =>
      accountStore.list().map((account) => {
        checkUnheard(account)
        return present(account)
      }),
    of(accountId) {
      const account = accountStore.get(accountId)
      if (!account) throw new Error(`No account ${accountId}`)
      return present(account)
    },
    report,
    probe,
    setRunning(accountId, progress) {
      const account = accountStore.get(accountId)
      if (!account) return
      const current = entry(account)
      const startedOrEnded = (current.running === null) !== (progress === null)
      current.running = progress
      if (startedOrEnded) emit(accountId)
    },
    onOnline(listener) {
      onlineListeners.add(listener)
      return () => onlineListeners.delete(listener)
    },
    hold(accountIds) {
      for (const id of accountIds) held.add(id)
      return async () => {
        for (const id of accountIds) held.delete(id)
        // A probe that started while held may have taught nothing: ask again, afresh.
        await Promise.allSettled(
          accountIds.flatMap((id) => {
            const going = probing.get(id)
            return going ? [going] : []
          }),
        )
        await Promise.allSettled(accountIds.map((id) => probe(id)))
      }
    },
    forget,
    dispose() {
      disposed = true
      unsubscribe()
      for (const current of known.values()) clearTimer(current)
      onlineListeners.clear()
    },
  }
}

/** The state a call's outcome means, or null when it says nothing new about the connection. */
function stateOf(
  account: StoredAccount,
  error: AppError | null,
): { state: ConnectivityState; message: string | null } | null {
  if (!error) return { state: 'online', message: null }
  const label = providerLabels[account.provider]
  switch (error.code) {
    case 'offline':
      return {
        state: 'offline',
        message: `${label} cannot be reached. Freightdesk shows the cached freights and keeps trying; changes wait in the outbox.`,
      }
    case 'auth_required':
      return { state: 'needs_sign_in', message: error.message }
    case 'provider_error':
    case 'internal':
      return { state: 'provider_error', message: error.message }
    case 'rate_limited':
    case 'validation':
    case 'not_found':
    case 'conflict':
      // The provider answered: the connection works.
      return { state: 'online', message: null }
  }
}

function fromStoredStatus(account: StoredAccount): {
  state: ConnectivityState
  message: string | null
} {
  switch (account.status) {
    case 'connected':
      return { state: 'online', message: null }
    case 'unreachable':
      return { state: 'offline', message: account.statusMessage }
    case 'needs_sign_in':
      return { state: 'needs_sign_in', message: account.statusMessage }
    case 'provider_error':
      return { state: 'provider_error', message: account.statusMessage }
  }
}

function unknownProbeError(account: StoredAccount): AppError {
  return {
    code: 'provider_error',
    message: `Freightdesk could not check the connection to ${providerLabels[account.provider]}. Try Sync now; if it keeps happening, restart the app.`,
  }
}
