/**
 * A real core for sync tests: the cache in a folder that can be reopened by a second core (or a
 * child process), the real keychain under a test service name, the scheduler off (tests start
 * runs themselves) and quick re-probes. Calls go through the router, so inputs, outputs and
 * events are checked against the contract.
 */
import type {
  Channel,
  ChannelInput,
  ChannelOutput,
  EventName,
  EventPayload,
} from '@shared/contract'
import type { SpotGoAccount, TranseuAccount } from '@shared/domain/account'
import { AppErrorException, type AppError } from '@shared/errors'
import { createCore, type CoreOptions } from '../../electron/main/core'
import type { SpotGoSimulator } from '../../electron/main/simulators/spotgo/server'
import type { TranseuSimulator } from '../../electron/main/simulators/transeu/server'
import { transeuLists } from '../../electron/main/providers/transeu/wire'
import type { AccountsCore } from './accounts-core'
import { signInTranseu } from './accounts-core'
import { createRecordingLogger } from './recording-logger'

export interface SyncCore extends AccountsCore {
  /** Closes the core but keeps the data folder and the keychain entries (for reopening). */
  closeKeepingData(): Promise<void>
}

export function startSyncCore(options: {
  dir: string
  secretService: string
  sync?: CoreOptions['sync']
  /** The shell's ports (a clipboard the test reads back, ...). */
  ports?: CoreOptions['ports']
}): SyncCore {
  const log = createRecordingLogger()
  const core = createCore({
    dataDir: options.dir,
    shell: 'web',
    platform: 'linux',
    validateContracts: true,
    log,
    secretService: options.secretService,
    sync: { schedule: false, reprobeDelaysMs: [100, 200, 400], ...options.sync },
    ...(options.ports ? { ports: options.ports } : {}),
  })
  const events: AccountsCore['events'] = []
  const waiters = new Set<(name: EventName, payload: unknown) => void>()
  core.router.events.subscribe((name, payload) => {
    events.push({ name, payload })
    for (const waiter of [...waiters]) waiter(name, payload)
  })
  const closeKeepingData = () => core.dispose()
  return {
    core,
    dir: options.dir,
    secretService: options.secretService,
    log,
    events,
    async call<C extends Channel>(channel: C, input?: ChannelInput<C>) {
      const result = await core.router.invoke(channel, input)
      if (!result.ok) throw new AppErrorException(result.error)
      return result.value as ChannelOutput<C>
    },
    async failure(channel: Channel, input?: unknown): Promise<AppError> {
      const result = await core.router.invoke(channel, input)
      if (result.ok) throw new Error(`${channel} succeeded; expected an error`)
      return result.error
    },
    nextEvent<E extends EventName>(name: E, match?: (payload: EventPayload<E>) => boolean) {
      return new Promise<EventPayload<E>>((resolve) => {
        const waiter = (seen: EventName, payload: unknown) => {
          if (seen !== name) return
          if (match && !match(payload as EventPayload<E>)) return
          waiters.delete(waiter)
          resolve(payload as EventPayload<E>)
        }
        waiters.add(waiter)
      })
    },
    close: closeKeepingData,
    closeKeepingData,
  }
}

export async function addSpotGoAccount(app: AccountsCore, sim: SpotGoSimulator) {
  return (await app.call('accounts.add', {
    provider: 'spotgo',
    name: 'SpotGo Kraków',
    environment: 'custom',
    baseUrl: sim.baseUrl,
    ownerEmail: sim.credentials.ownerEmail,
    apiKey: sim.credentials.apiKey,
  })) as SpotGoAccount
}

export async function addTranseuAccount(app: AccountsCore, sim: TranseuSimulator) {
  const account = (await app.call('accounts.add', {
    provider: 'transeu',
    name: 'Trans.eu Wrocław',
    environment: 'custom',
    baseUrl: sim.baseUrl,
    clientId: sim.credentials.clientId,
    clientSecret: sim.credentials.clientSecret,
    apiKey: sim.credentials.apiKey,
  })) as TranseuAccount
  await signInTranseu(app, sim, account.id)
  return account
}

/** Every freight id the Trans.eu simulator lists (in any of its three lists). */
export function transeuListedIds(sim: TranseuSimulator): string[] {
  const listed = new Set<string>(Object.values(transeuLists).flat())
  return [...sim.state.freights.freights.values()]
    .filter((freight) => listed.has(freight.status))
    .map((freight) => String(freight.id))
}
