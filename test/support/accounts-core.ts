/**
 * A real core for account tests: a cache file in a temporary folder, the real keychain under a
 * service name of its own (swept on `close`), a recording log, and calls through the router so
 * every input and output is checked against the contract.
 */
import {
  type Channel,
  type ChannelInput,
  type ChannelOutput,
  type EventName,
  type EventPayload,
} from '@shared/contract'
import { AppErrorException, type AppError } from '@shared/errors'
import { createCore, type Core, type CoreOptions } from '../../electron/main/core'
import type { TranseuSimulator } from '../../electron/main/simulators/transeu/server'
import { sweepKeychain, testSecretService } from './keychain'
import { createRecordingLogger } from './recording-logger'
import { makeTempDir } from './temp-dir'
import { signInOnConsentPage } from '../../electron/main/simulators'

export interface AccountsCore {
  core: Core
  dir: string
  secretService: string
  log: ReturnType<typeof createRecordingLogger>
  /** Calls a channel through the router; throws `AppErrorException` on an error result. */
  call<C extends Channel>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>>
  /** Calls a channel and returns the AppError it answered with (fails if it succeeded). */
  failure(channel: Channel, input?: unknown): Promise<AppError>
  /** Every event emitted so far, in order. */
  events: Array<{ name: EventName; payload: unknown }>
  /** Resolves with the next event of this name that matches. */
  nextEvent<E extends EventName>(
    name: E,
    match?: (payload: EventPayload<E>) => boolean,
  ): Promise<EventPayload<E>>
  close(): Promise<void>
}

export function startAccountsCore(
  options: Partial<Pick<CoreOptions, 'signInTimeoutMs' | 'ports' | 'sampleDataCounts'>> = {},
): AccountsCore {
  const temp = makeTempDir('freightdesk-accounts-')
  const log = createRecordingLogger()
  const secretService = testSecretService()
  const core = createCore({
    dataDir: temp.dir,
    shell: 'web',
    platform: 'linux',
    validateContracts: true,
    log,
    secretService,
    ...options,
  })
  const events: AccountsCore['events'] = []
  const waiters = new Set<(name: EventName, payload: unknown) => void>()
  core.router.events.subscribe((name, payload) => {
    events.push({ name, payload })
    for (const waiter of [...waiters]) waiter(name, payload)
  })

  return {
    core,
    dir: temp.dir,
    secretService,
    log,
    events,
    async call(channel, input) {
      const result = await core.router.invoke(channel, input)
      if (!result.ok) throw new AppErrorException(result.error)
      return result.value as never
    },
    async failure(channel, input) {
      const result = await core.router.invoke(channel, input)
      if (result.ok) throw new Error(`${channel} succeeded; expected an error`)
      return result.error
    },
    nextEvent(name, match) {
      return new Promise((resolve) => {
        const waiter = (seen: EventName, payload: unknown) => {
          if (seen !== name) return
          if (match && !match(payload as never)) return
          waiters.delete(waiter)
          resolve(payload as never)
        }
        waiters.add(waiter)
      })
    },
    async close() {
      await core.dispose()
      await sweepKeychain(secretService)
      temp.remove()
    },
  }
}

/**
 * Signs an account in to the Trans.eu simulator the way a user does: starts the sign-in, opens the
 * authorize page, submits the form, and follows the redirect to the app's loopback listener.
 */
export async function signInTranseu(
  app: AccountsCore,
  sim: TranseuSimulator,
  accountId: string,
): Promise<void> {
  const started = await app.call('accounts.signIn.start', { id: accountId })
  const finished = app.nextEvent('accounts.signIn.finished', (e) => e.signInId === started.signInId)
  const location = await signInOnConsentPage(started.authorizeUrl, sim.credentials.user)
  const back = await fetch(location)
  if (back.status !== 200) throw new Error(`the loopback listener answered ${back.status}`)
  const event = await finished
  if (!event.ok) throw new Error(`sign-in failed: ${event.error.message}`)
}
