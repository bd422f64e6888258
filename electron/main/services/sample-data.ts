/**
 * Sample-data mode ("Try with sample data"): the three provider simulators run inside the app with a
 * fixed seed, and one sandbox account per provider talks to them through the real accounts
 * service (secrets in the keychain like any other account). The seed, the anchor instant and the
 * ports are kept in the cache's settings, so a restart brings the same simulators back on the same
 * ports with the same data; the accounts are then signed in again, because the simulators issue
 * new credentials each time they start.
 */
import { z } from 'zod'
import type { Account } from '@shared/domain/account'
import {
  sandboxLabel,
  type SandboxRemoved,
  type SandboxState,
  type SandboxStatus,
} from '@shared/domain/sample-data'
import { appError, isAppErrorException } from '@shared/errors'
import type { Cache } from '../cache'
import type { EventHub } from '../events/event-hub'
import { describeError, type Logger } from '../log'
import {
  signInOnConsentPage,
  startSimulators,
  type Simulators,
  type TranseuSimulator,
} from '../simulators'
import type { SyncServices } from '../sync'
import type { AccountsService } from './accounts'

/** The fixed seed of sample data: every sandbox shows the same freights and documents. */
export const sampleDataSeed = 20_260_110

/** A realistic set: a few thousand freights and a few hundred documents. */
export const sampleDataCounts = { spotgoFreights: 1_200, transeuFreights: 2_400, documents: 300 }

const settingsKey = 'sandbox'

const Port = z.number().int().min(1).max(65_535)
/** What the cache keeps about the sandbox (nothing secret: the simulators' keys change anyway). */
const SandboxSettings = z.object({
  seed: z.number().int(),
  anchor: z.iso.datetime(),
  ports: z.object({ spotgo: Port, transeu: Port, crego: Port }).nullable(),
  offline: z.boolean(),
})
type SandboxSettings = z.infer<typeof SandboxSettings>

export interface SampleDataService {
  status(): SandboxStatus
  /** Starts sample data, or answers its status when it is already on. */
  start(): Promise<SandboxStatus>
  /**
   * At core start, when sandbox accounts exist: the simulators come back on their ports with their
   * data and the accounts are signed in again. Never throws; a failure shows as state `failed`.
   */
  resume(): Promise<SandboxStatus>
  /** Stops the simulators; removes the sandbox accounts, their secrets, cached data and shares. */
  remove(): Promise<SandboxRemoved>
  setOffline(offline: boolean): Promise<SandboxStatus>
  /** Origins (`http://127.0.0.1:<port>`) of the running simulators, for opening their links. */
  runningOrigins(): Set<string>
  /** Whether any sandbox account exists (the core holds the first sync until `resume`). */
  hasAccounts(): boolean
  /** The running simulators, for tests and diagnostics (null when off). */
  simulators(): Simulators | null
  dispose(): Promise<void>
}

export interface SampleDataServiceOptions {
  cache: Cache
  accounts: AccountsService
  sync: Pick<SyncServices, 'engine' | 'connectivity'>
  events: EventHub
  log: Logger
  now?: () => Date
  /** Smaller sets for tests; default `sampleDataCounts`. */
  counts?: Partial<typeof sampleDataCounts>
}

export function createSampleDataService(options: SampleDataServiceOptions): SampleDataService {
  const { cache, accounts, sync, events, log } = options
  const now = options.now ?? (() => new Date())
  const counts = { ...sampleDataCounts, ...options.counts }
  let simulators: Simulators | null = null
  let state: SandboxState = 'off'
  let message: string | null = null
  let disposed = false
  /** One operation at a time: start, resume, remove and offline never interleave. */
  let queue: Promise<unknown> = Promise.resolve()

  function serialized<T>(operation: () => Promise<T>): Promise<T> {
    const next = queue.then(() => {
      if (disposed) throw appError('internal', 'Freightdesk is closing; try again after restart.')
      return operation()
    })
    queue = next.catch(() => undefined)
    return next
  }

  const sandboxAccounts = () => cache.accounts.list().filter((account) => account.sandbox)

  function readSettings(): SandboxSettings | null {
    const parsed = SandboxSettings.safeParse(cache.settings.get(settingsKey))
    return parsed.success ? parsed.data : null
  }

  function status(): SandboxStatus {
    const ids = sandboxAccounts().map((account) => account.id)
    let current = state
    if (ids.length === 0 && state !== 'starting') current = 'off'
    // Accounts without running simulators: brought back at start, so this is a failure.
    if (ids.length > 0 && state === 'off') current = 'failed'
    return {
      state: current,
      offline: readSettings()?.offline ?? false,
      accountIds: ids,
      message: current === 'failed' ? (message ?? 'Sample data is not running.') : null,
    }
  }

  function announce(): SandboxStatus {
    const current = status()
    events.emit('sandbox.changed', current)
    return current
  }

  /** Starts the simulators from the settings; stored ports that are taken give way to new ones. */
  async function launch(settings: SandboxSettings): Promise<Simulators> {
    const common = {
      seed: settings.seed,
      anchor: settings.anchor,
      ...counts,
      log,
    }
    if (!settings.ports) return startSimulators(common)
    try {
      return await startSimulators({ ...common, ports: settings.ports })
    } catch (error) {
      log.warn('the sandbox ports are taken; the simulators start on new ones', {
        ports: settings.ports,
        ...describeError(error),
      })
      return startSimulators(common)
    }
  }

  function remember(settings: SandboxSettings, started: Simulators): SandboxSettings {
    const next: SandboxSettings = {
      ...settings,
      ports: {
        spotgo: started.spotgo.port,
        transeu: started.transeu.port,
        crego: started.crego.port,
      },
    }
    cache.settings.set(settingsKey, next)
    return next
  }

  /** Signs a Trans.eu sandbox account in through the simulator's consent page, as a user would. */
  async function signInTranseu(accountId: string, sim: TranseuSimulator): Promise<void> {
    const started = await accounts.startSignIn(accountId, { openBrowser: false })
    let unsubscribe: () => void = () => undefined
    const finished = new Promise<{ ok: boolean; message: string | null }>((resolve) => {
      unsubscribe = events.subscribe((name, payload) => {
        if (name !== 'accounts.signIn.finished') return
        const event = payload as { signInId: string; ok: boolean; error?: { message: string } }
        if (event.signInId !== started.signInId) return
        resolve({ ok: event.ok, message: event.error?.message ?? null })
      })
    })
    try {
      const location = await signInOnConsentPage(started.authorizeUrl, sim.credentials.user)
      // The loopback listener of the sign-in: it exchanges the code and stores the tokens.
      await (await fetch(location)).arrayBuffer()
      const outcome = await finished
      if (!outcome.ok) throw new Error(`the sign-in ended: ${outcome.message ?? 'refused'}`)
    } finally {
      unsubscribe()
    }
  }

  async function addAccounts(sims: Simulators): Promise<string[]> {
    const added: string[] = []
    try {
      const spotgo = await accounts.add({
        provider: 'spotgo',
        name: `${sandboxLabel} · SpotGo`,
        environment: 'custom',
        baseUrl: sims.spotgo.baseUrl,
        ownerEmail: sims.spotgo.credentials.ownerEmail,
        apiKey: sims.spotgo.credentials.apiKey,
        syncIntervalMinutes: 15,
        sandbox: true,
      })
      added.push(spotgo.id)
      const transeu = await accounts.add({
        provider: 'transeu',
        name: `${sandboxLabel} · Trans.eu`,
        environment: 'custom',
        baseUrl: sims.transeu.baseUrl,
        authBaseUrl: sims.transeu.baseUrl,
        redirectUri: null,
        clientId: sims.transeu.credentials.clientId,
        clientSecret: sims.transeu.credentials.clientSecret,
        apiKey: sims.transeu.credentials.apiKey,
        syncIntervalMinutes: 15,
        sandbox: true,
      })
      added.push(transeu.id)
      await signInTranseu(transeu.id, sims.transeu)
      const crego = await accounts.add({
        provider: 'crego',
        name: `${sandboxLabel} · Crego`,
        environment: 'custom',
        baseUrl: sims.crego.baseUrl,
        shareLinkBase: sims.crego.baseUrl,
        credentials: {
          signInMethod: 'password',
          username: sims.crego.credentials.username,
          password: sims.crego.credentials.password,
        },
        syncIntervalMinutes: 15,
        sandbox: true,
      })
      added.push(crego.id)
      return added
    } catch (error) {
      for (const id of added) {
        await accounts.remove({ id, removeCachedFreights: true }).catch((cleanup: unknown) => {
          log.error('could not remove a half-added sandbox account', {
            accountId: id,
            ...describeError(cleanup),
          })
        })
      }
      throw error
    }
  }

  /** The simulators issue new credentials at each start: give them to the existing accounts. */
  async function reconnect(sims: Simulators, account: Pick<Account, 'id' | 'provider'>) {
    switch (account.provider) {
      case 'spotgo':
        await accounts.update({
          id: account.id,
          provider: 'spotgo',
          baseUrl: sims.spotgo.baseUrl,
          ownerEmail: sims.spotgo.credentials.ownerEmail,
          apiKey: sims.spotgo.credentials.apiKey,
        })
        return
      case 'transeu':
        await accounts.update({
          id: account.id,
          provider: 'transeu',
          baseUrl: sims.transeu.baseUrl,
          authBaseUrl: sims.transeu.baseUrl,
          clientId: sims.transeu.credentials.clientId,
          clientSecret: sims.transeu.credentials.clientSecret,
          apiKey: sims.transeu.credentials.apiKey,
        })
        await signInTranseu(account.id, sims.transeu)
        return
      case 'crego':
        await accounts.update({
          id: account.id,
          provider: 'crego',
          baseUrl: sims.crego.baseUrl,
          shareLinkBase: sims.crego.baseUrl,
          credentials: {
            signInMethod: 'password',
            username: sims.crego.credentials.username,
            password: sims.crego.credentials.password,
          },
        })
        return
    }
  }

  async function applyOffline(sims: Simulators, offline: boolean): Promise<void> {
    for (const sim of [sims.spotgo, sims.transeu, sims.crego]) {
      if (offline) await sim.faults.goOffline()
      else await sim.faults.goOnline()
    }
  }

  function startSync(): void {
    for (const account of sandboxAccounts()) {
      if (account.provider === 'crego') continue
      try {
        sync.engine.start(account.id, 'manual')
      } catch (error) {
        log.warn('could not start the sync of a sandbox account', {
          accountId: account.id,
          ...describeError(error),
        })
      }
    }
  }

  /** Asks each sandbox account whether its simulator answers, so the status bar shows it now. */
  function probeAll(): void {
    for (const account of sandboxAccounts()) {
      void sync.connectivity.probe(account.id).catch((error: unknown) =>
        log.warn('probing a sandbox account failed', {
          accountId: account.id,
          ...describeError(error),
        }),
      )
    }
  }

  async function stopSimulators(): Promise<void> {
    const running = simulators
    simulators = null
    if (running) await running.stop()
  }

  function failWith(error: unknown, what: string): SandboxStatus {
    state = 'failed'
    message = isAppErrorException(error)
      ? `${what} ${error.error.message}`
      : `${what} Remove the sample data and try again, or restart Freightdesk.`
    log.error('sandbox mode failed', describeError(error))
    return announce()
  }

  return {
    status,

    start() {
      return serialized(async () => {
        if (simulators && sandboxAccounts().length > 0) return status()
        if (sandboxAccounts().length > 0) return resumeNow()
        state = 'starting'
        message = null
        announce()
        const settings: SandboxSettings = readSettings() ?? {
          seed: sampleDataSeed,
          anchor: new Date(Math.floor(now().getTime() / 60_000) * 60_000).toISOString(),
          ports: null,
          offline: false,
        }
        settings.offline = false
        try {
          const started = await launch(settings)
          simulators = started
          remember(settings, started)
          await addAccounts(started)
        } catch (error) {
          await stopSimulators()
          cache.settings.delete(settingsKey)
          state = 'off'
          announce()
          if (isAppErrorException(error)) throw error
          log.error('starting sample data failed', describeError(error))
          throw appError(
            'internal',
            'Sample data could not start. Try again; if it fails again, restart Freightdesk.',
          )
        }
        state = 'running'
        log.info('sample data started', { ports: readSettings()?.ports })
        startSync()
        return announce()
      })
    },

    resume() {
      return serialized(resumeNow)
    },

    remove() {
      return serialized(async () => {
        const targets = sandboxAccounts()
        for (const account of targets) sync.engine.cancel(account.id)
        await stopSimulators()
        let removedFreights = 0
        let removedShares = 0
        for (const account of targets) {
          const result = await accounts.remove({ id: account.id, removeCachedFreights: true })
          removedFreights += result.removedFreights
          removedShares += cache.shares.removeOfAccount(account.id)
          sync.connectivity.forget(account.id)
        }
        cache.settings.delete(settingsKey)
        state = 'off'
        message = null
        log.info('sample data removed', { accounts: targets.length, removedFreights })
        announce()
        return {
          removed: true as const,
          removedAccounts: targets.length,
          removedFreights,
          removedShares,
        }
      })
    },

    setOffline(offline) {
      return serialized(async () => {
        const settings = readSettings()
        if (!simulators || !settings) {
          throw appError(
            'validation',
            'Sample data is not running. Choose "Try with sample data" first.',
          )
        }
        await applyOffline(simulators, offline)
        cache.settings.set(settingsKey, { ...settings, offline })
        log.info(offline ? 'sample data went offline' : 'sample data is back online')
        probeAll()
        return announce()
      })
    },

    runningOrigins() {
      if (!simulators) return new Set()
      return new Set(
        [simulators.spotgo, simulators.transeu, simulators.crego].map(
          (sim) => new URL(sim.baseUrl).origin,
        ),
      )
    },

    hasAccounts: () => sandboxAccounts().length > 0,

    simulators: () => simulators,

    async dispose() {
      disposed = true
      await queue
      await stopSimulators()
    },
  }

  async function resumeNow(): Promise<SandboxStatus> {
    const targets = sandboxAccounts()
    if (targets.length === 0) return status()
    if (simulators) return status()
    state = 'starting'
    message = null
    announce()
    const stored = readSettings()
    const settings: SandboxSettings = stored ?? {
      seed: sampleDataSeed,
      anchor: new Date(Math.floor(now().getTime() / 60_000) * 60_000).toISOString(),
      ports: null,
      offline: false,
    }
    // Switched offline before: the providers answer only while the accounts get their new
    // credentials, and that is not a state to show.
    const release = settings.offline
      ? sync.connectivity.hold(targets.map((account) => account.id))
      : null
    try {
      const started = await launch(settings)
      simulators = started
      const kept = remember(settings, started)
      for (const account of targets) await reconnect(started, account)
      if (kept.offline) await applyOffline(started, true)
    } catch (error) {
      await stopSimulators()
      return failWith(error, 'Sample data could not be brought back.')
    } finally {
      await release?.()
    }
    state = 'running'
    log.info('sample data is back', { ports: readSettings()?.ports })
    return announce()
  }
}
