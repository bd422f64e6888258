/**
 * The composition root: builds every service and the router from plain options. Both shells (the
 * Electron app and the web host) call `createCore`; nothing here imports Electron.
 */
import type { AppInfo } from '@shared/contract'
import { appMeta } from './app-meta'
import { openCache, type Cache } from './cache'
import { createEventHub } from './events/event-hub'
import { createHandlers } from './ipc/handlers'
import { createRouter, type Router } from './ipc/router'
import { describeError, type Logger } from './log'
import { ensurePrivateDir } from './private-files'
import { createSecretStore } from './secrets/secret-store'
import { createAccountsService, type AccountsService } from './services/accounts'
import { createAppInfoService, type AppInfoService } from './services/app-info'
import { damageFoundNotice, recoveryNotice } from './services/cache-recovery'
import { createFreightsService, type FreightsService } from './services/freights'
import { createNoticesService, type NoticesService } from './services/notices'
import { createViewsService, type ViewsService } from './services/views'
import { createSyncServices, type SyncServices, type SyncSettings } from './sync'
import type { ExportDestination } from './export/destination'
import { createExternalLinksService, type ExternalLinksService } from './services/external-links'
import { createFreightExportService, type FreightExportService } from './services/freight-export'
import { createValueCountsService, type ValueCountsService } from './services/freight-value-counts'
import { createGridStateService, type GridStateService } from './services/grid-state'
import { createReadProblemsService, type ReadProblemsService } from './services/read-problems'
import { createDocumentsService, type DocumentsService } from './services/documents'
import { createSharesService, type SharesService, type WriteClipboard } from './services/shares'
import {
  createSampleDataService,
  type SampleDataService,
  type SampleDataServiceOptions,
} from './services/sample-data'

export interface CoreOptions {
  /** The folder that holds the cache and every other local file. */
  dataDir: string
  shell: AppInfo['shell']
  platform: AppInfo['platform']
  /** Check handler outputs and event payloads against the contract (development and tests). */
  validateContracts: boolean
  log: Logger
  /** keytar service name for every secret; default `Freightdesk` (tests pass their own). */
  secretService?: string
  /** How long a browser sign-in may take; default 5 minutes. */
  signInTimeoutMs?: number
  /** When the cache's background integrity check starts after start-up; default 15 s. */
  integrityCheckDelayMs?: number
  /** Sync scheduling and tuning. The shells pass `{schedule: true}`; tests start runs themselves. */
  sync?: SyncSettings
  /** What only the shell can do; a service whose port is missing says it is not available. */
  ports?: ShellPorts
  /** Start into sample data (`--sample-data`): it starts unless sample-data accounts exist. */
  sampleData?: boolean
  /** Smaller sample data for tests. */
  sampleDataCounts?: SampleDataServiceOptions['counts']
  /**
   * At start, delete keychain entries (under `secretService`) of accounts this cache does not
   * know. Only where the service belongs to this data folder alone: the app's own folder with
   * the default service, or a test's own service. Default false.
   */
  sweepOrphanSecrets?: boolean
}

/** Small adapters each shell gives the core (Electron: dialogs and shell; web host: downloads). */
export interface ShellPorts {
  /** Where exports are written: a save dialog, or the web host's download shelf. */
  exportDestination?: ExportDestination
  /** Hands an https address to the system browser. */
  openExternal?: (url: string) => Promise<void>
  /** Asks the dispatcher, showing the whole address, whether to open a link not on the allow-list. */
  confirmExternal?: (url: string) => Promise<boolean>
  /** Writes the clipboard (text and HTML): Electron's clipboard, or the web host's stand-in. */
  writeClipboard?: WriteClipboard
}

export interface Services {
  appInfo: AppInfoService
  notices: NoticesService
  freights: FreightsService
  views: ViewsService
  accounts: AccountsService
  /** The sync engine, connectivity and the outbox. */
  sync: SyncServices
  /** What the last sync of an account could not read, and its diagnostic. */
  readProblems: ReadProblemsService
  valueCounts: ValueCountsService
  exports: FreightExportService
  gridState: GridStateService
  externalLinks: ExternalLinksService
  shares: SharesService
  documents: DocumentsService
  sampleData: SampleDataService
}

export interface Core {
  router: Router
  services: Services
  /** The offline cache (sync writes through it). */
  cache: Cache
  /**
   * Settles when start-up work is done: the sample-data simulators brought back (or sample data
   * started with the `sampleData` option), then the sync scheduler started. Never rejects.
   */
  ready: Promise<void>
  /** Stops timers and closes files; safe to call twice. */
  dispose(): Promise<void>
}

export function createCore(options: CoreOptions): Core {
  const events = createEventHub({ validate: options.validateContracts, log: options.log })
  /** Closers of everything the core opened, run in reverse order of opening. */
  const closers: Array<() => void | Promise<void>> = []
  const notices = createNoticesService(events)
  // The data folder is the user's alone (its files are made 0600 where they are written).
  ensurePrivateDir(options.dataDir)
  const cache = openCache({ dataDir: options.dataDir }, { log: options.log })
  closers.push(() => cache.close())
  if (cache.recovery) notices.raise(recoveryNotice(cache.recovery))
  if (!cache.recovery && !cache.checkedAtOpen) {
    const timer = setTimeout(
      () => void checkCacheIntegrity(cache, notices, options.log),
      options.integrityCheckDelayMs ?? defaultIntegrityCheckDelayMs,
    )
    timer.unref()
    closers.push(() => clearTimeout(timer))
  }
  const accounts = createAccountsService({
    accounts: cache.accounts,
    // Nothing touches the keychain until it is needed (the native binding loads on first use).
    secrets: createSecretStore({ service: options.secretService, log: options.log }),
    events,
    log: options.log,
    openExternal: options.ports?.openExternal,
    signInTimeoutMs: options.signInTimeoutMs,
  })
  // Closed before the cache: a sign-in finishing while closing still finds its account.
  closers.push(() => accounts.dispose())
  // Sample-data accounts need their simulators back before the first sync runs.
  const sampleDataFirst =
    options.sampleData === true || cache.accounts.list().some((account) => account.sandbox)
  const sync = createSyncServices({
    cache,
    accounts,
    events,
    log: options.log,
    settings: { ...options.sync, holdSchedule: sampleDataFirst },
  })
  // Closed before the accounts and the cache: running syncs are cancelled and end first.
  closers.push(() => sync.dispose())
  const sampleData = createSampleDataService({
    cache,
    accounts,
    sync,
    events,
    log: options.log,
    counts: options.sampleDataCounts,
  })
  // Closed before the sync: its simulators stop only after running syncs were cancelled.
  closers.push(() => sampleData.dispose())

  const shares = createSharesService({
    cache,
    accounts,
    log: options.log,
    events,
    ...(options.ports?.writeClipboard ? { writeClipboard: options.ports.writeClipboard } : {}),
  })
  const services: Services = {
    appInfo: createAppInfoService({
      name: appMeta.name,
      version: appMeta.version,
      dataDir: options.dataDir,
      platform: options.platform,
      shell: options.shell,
    }),
    notices,
    freights: createFreightsService({
      cache,
      events,
      readIssuesOf: (accountId, providerId) => sync.store.readIssuesOf(accountId, providerId),
    }),
    views: createViewsService({ cache }),
    accounts,
    sync,
    readProblems: createReadProblemsService({
      cache,
      store: sync.store,
      app: { name: appMeta.name, version: appMeta.version },
      ...(options.ports?.writeClipboard ? { writeClipboard: options.ports.writeClipboard } : {}),
    }),
    valueCounts: createValueCountsService({ cache }),
    exports: createFreightExportService({
      cache,
      destination: options.ports?.exportDestination ?? null,
      lastSyncedAt: (accountId) => sync.store.lastSyncedAt(accountId),
      log: options.log,
    }),
    gridState: createGridStateService({ dataDir: options.dataDir, log: options.log }),
    externalLinks: createExternalLinksService({
      ...(options.ports?.openExternal ? { openExternal: options.ports.openExternal } : {}),
      ...(options.ports?.confirmExternal ? { confirmExternal: options.ports.confirmExternal } : {}),
      accountOrigins: () => new Set([...accountOrigins(cache), ...sampleData.runningOrigins()]),
      isShareLink: (url) => cache.shares.hasUrl(url),
    }),
    shares,
    documents: createDocumentsService({ cache, accounts, shares, log: options.log }),
    sampleData,
  }
  const router = createRouter(createHandlers(services), events, {
    validateOutput: options.validateContracts,
    log: options.log,
  })
  const ready = (async () => {
    if (options.sweepOrphanSecrets && mayForgetSecrets(cache)) {
      await accounts.sweepOrphanSecrets().catch((error: unknown) => {
        options.log.warn(
          'could not look for keychain entries of unknown accounts',
          describeError(error),
        )
      })
    }
    try {
      if (sampleData.hasAccounts()) await sampleData.resume()
      else if (options.sampleData) await sampleData.start()
    } catch (error) {
      options.log.error('sample data did not start', describeError(error))
    } finally {
      sync.startScheduler()
    }
  })()
  let disposed = false
  return {
    router,
    services,
    cache,
    ready,
    async dispose() {
      if (disposed) return
      disposed = true
      for (const close of closers.reverse()) await close()
    },
  }
}

/** Start-up is left alone: the check reads the whole file and shares the processor with it. */
const defaultIntegrityCheckDelayMs = 15_000

/** The full integrity check, off the main thread, once a session; damage is told at once. */
async function checkCacheIntegrity(cache: Cache, notices: NoticesService, log: Logger) {
  try {
    const problems = await cache.checkIntegrity()
    if (problems.length === 0) return log.info('the offline cache passed its integrity check')
    log.error('the integrity check found damage in the offline cache', { problems })
    notices.raise(damageFoundNotice())
  } catch (error) {
    log.warn('the integrity check of the offline cache could not run', describeError(error))
  }
}

/**
 * Whether secrets of accounts the cache does not know belong to no one. Not when accounts could
 * not be carried from a file a newer Freightdesk wrote: that file is intact, and its accounts
 * still need their secrets once Freightdesk is updated.
 */
function mayForgetSecrets(cache: Cache): boolean {
  const recovery = cache.recovery
  return !(recovery?.reason === 'newer_schema' && !recovery.salvage?.summary.accounts.whole)
}

/** The origins of every account's provider and share-link addresses. */
function accountOrigins(cache: Cache): Set<string> {
  const origins = new Set<string>()
  for (const account of cache.accounts.list()) {
    for (const address of [account.baseUrl, account.authBaseUrl, account.shareLinkBase]) {
      if (!address) continue
      try {
        origins.add(new URL(address).origin)
      } catch {
        // A stored address always parses; an odd one simply opens nothing.
      }
    }
  }
  return origins
}

/** Maps Node's `process.platform` onto the platforms the contract knows. */
export function contractPlatform(platform: NodeJS.Platform): AppInfo['platform'] {
  return platform === 'darwin' || platform === 'win32' ? platform : 'linux'
}
