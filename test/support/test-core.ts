/**
 * The one core tests start: the real router and services on a real cache file, the real keychain
 * under a test service name, a recording log, a clipboard the test reads back, and calls through
 * the router (`invoke`), so every input, output and event is checked against the contract. The
 * runner closes it after the test (or after the file, for one started in `beforeAll`), removes
 * the folder it made and sweeps the keychain entries of the service it made.
 */
import type { EventName, EventPayload } from '@shared/contract'
import type { AppError } from '@shared/errors'
import type { Channel } from '@shared/contract'
import { createCore, type Core, type CoreOptions } from '../../electron/main/core'
import type { ClipboardContent } from '../../electron/main/services/shares'
import { cleanUpLater } from './cleanup'
import { failureOf, typedInvoke, type Invoke } from './invoke'
import { sweepKeychain, testSecretService } from './keychain'
import { createRecordingLogger } from './recording-logger'
import { makeTempDir } from './temp-dir'

export interface TestCoreOptions extends Partial<
  Pick<CoreOptions, 'signInTimeoutMs' | 'sampleData' | 'sampleDataCounts'>
> {
  /** An existing data folder to open (kept when the core closes); default a fresh one. */
  dir?: string
  /** An existing keychain service (kept); default a fresh `Freightdesk-test-<random>`. */
  secretService?: string
  /** Sync settings over the tests' default: no scheduler, quick re-probes. */
  sync?: CoreOptions['sync']
  /** Shell ports; default a clipboard that `clipboard` records. */
  ports?: CoreOptions['ports']
}

export interface TestCore {
  core: Core
  dir: string
  secretService: string
  log: ReturnType<typeof createRecordingLogger>
  /** What the core wrote to the clipboard (unless `ports` replaced the clipboard). */
  clipboard: ClipboardContent[]
  /** Calls a channel through the router; throws `AppErrorException` on an error result. */
  invoke: Invoke
  /** The same as `invoke`. */
  call: Invoke
  /** Calls a channel and returns the AppError it answered with (fails if it succeeded). */
  failure(channel: Channel, input?: unknown): Promise<AppError>
  /** Every event emitted so far, in order. */
  events: Array<{ name: EventName; payload: unknown }>
  /** Resolves with the next event of this name that matches. */
  nextEvent<E extends EventName>(
    name: E,
    match?: (payload: EventPayload<E>) => boolean,
  ): Promise<EventPayload<E>>
  /** Closes the core but keeps the data folder and the keychain entries (to reopen them). */
  closeKeepingData(): Promise<void>
  /** Closes the core, removes the folder and sweeps the keychain service it made. Idempotent. */
  close(): Promise<void>
}

export function startTestCore(options: TestCoreOptions = {}): TestCore {
  const temp = options.dir === undefined ? makeTempDir('freightdesk-core-') : null
  const dir = options.dir ?? temp!.dir
  const ownService = options.secretService === undefined
  const secretService = options.secretService ?? testSecretService()
  const log = createRecordingLogger()
  const clipboard: ClipboardContent[] = []
  const core = createCore({
    dataDir: dir,
    shell: 'web',
    platform: 'linux',
    validateContracts: true,
    log,
    secretService,
    ...(options.signInTimeoutMs !== undefined ? { signInTimeoutMs: options.signInTimeoutMs } : {}),
    ...(options.sampleData !== undefined ? { sampleData: options.sampleData } : {}),
    ...(options.sampleDataCounts ? { sampleDataCounts: options.sampleDataCounts } : {}),
    sync: { schedule: false, reprobeDelaysMs: [100, 200, 400], ...options.sync },
    ports: options.ports ?? { writeClipboard: (content) => void clipboard.push(content) },
  })
  const events: TestCore['events'] = []
  const waiters = new Set<(name: EventName, payload: unknown) => void>()
  core.router.events.subscribe((name, payload) => {
    events.push({ name, payload })
    for (const waiter of [...waiters]) waiter(name, payload)
  })
  const transport = (channel: string, input: unknown) => core.router.invoke(channel, input)
  const invoke = typedInvoke(transport)
  let released = false
  const closeKeepingData = () => core.dispose()
  const close = async () => {
    await core.dispose()
    if (released) return
    released = true
    if (ownService) await sweepKeychain(secretService)
    temp?.remove()
  }
  cleanUpLater(close)
  return {
    core,
    dir,
    secretService,
    log,
    clipboard,
    invoke,
    call: invoke,
    failure: (channel, input) => failureOf(transport, channel, input),
    events,
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
    closeKeepingData,
    close,
  }
}
