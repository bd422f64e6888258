/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, the Secret Service on Linux), the
 * only place any secret is kept. One entry per account and kind: service `Freightdesk` (a test
 * passes its own), account `<accountId>/<kind>`. The native binding is keytar, or
 * @napi-rs/keyring with `FREIGHTDESK_KEYCHAIN=napi` (keychain-backends.ts).
 *
 * The binding is loaded on first use, so a broken native module or a missing Secret Service shows
 * up as an `AppError` that says what to do, never as a crash at start, and never as a clear-text
 * fallback.
 *
 * Every keychain call of the process goes through one queue, one call at a time and in order,
 * whichever binding: libsecret (under keytar) crashes the process when calls overlap, a listing
 * that loads an entry another call is deleting reading a secret that is no longer there.
 */
import { appError, type AppErrorException } from '@shared/errors'
import { describeError, type Logger } from '../log'
import {
  keychainBackendName,
  loadKeychainBackend,
  type KeychainBackend,
  type KeychainBackendName,
} from './keychain-backends'

/** What each entry holds. JSON kinds are one value, so a token rotation is one atomic write. */
export const secretKinds = [
  /** SpotGo API key (plain text). */
  'spotgo.api-key',
  /** Trans.eu app registration: JSON `{clientId, clientSecret, apiKey}`. */
  'transeu.app',
  /** Trans.eu tokens: JSON `StoredTokens`. */
  'transeu.tokens',
  /** Crego tokens: JSON `StoredTokens` (the password is never kept). */
  'crego.tokens',
] as const
export type SecretKind = (typeof secretKinds)[number]

export const defaultSecretService = 'Freightdesk'

export interface SecretStore {
  /** The service name every entry is filed under. */
  readonly service: string
  /** The native binding the store runs on. */
  readonly backend: KeychainBackendName
  get(accountId: string, kind: SecretKind): Promise<string | null>
  set(accountId: string, kind: SecretKind, value: string): Promise<void>
  /** Whether an entry was there to delete. */
  delete(accountId: string, kind: SecretKind): Promise<boolean>
  /** Deletes every kind of entry the account has. */
  deleteAll(accountId: string): Promise<void>
  /**
   * Which kinds are set, per account id, from one read of the service's entries. A listing that
   * meets an entry deleted under it (by another program) is read again once; if that fails too,
   * the kinds of `accountIds` are read entry by entry and the listing holds what could be read.
   */
  inventory(accountIds?: readonly string[]): Promise<Map<string, Set<SecretKind>>>
}

export interface SecretStoreOptions {
  /** Service name; default `Freightdesk`. */
  service?: string
  log: Logger
  /** How long one keychain call may take (the OS may be asking the user to unlock). Default 60 s. */
  timeoutMs?: number
  /** The native binding; default the one `FREIGHTDESK_KEYCHAIN` names (keytar unless `napi`). */
  backend?: KeychainBackendName
  /** Loads the binding (a test hands in a keychain that misbehaves); default the real module. */
  loadBackend?: () => Promise<KeychainBackend>
}

const defaultTimeoutMs = 60_000
const accountIdPattern = /^[^/\s]{1,100}$/

/** The end of the process's keychain queue: the next call starts when it has settled. */
let queueTail: Promise<unknown> = Promise.resolve()

/** Runs `call` after every keychain call queued before it has settled. */
function enqueue<T>(call: () => Promise<T>): Promise<T> {
  const result = queueTail.then(call)
  queueTail = result.catch(() => undefined)
  return result
}

/** libsecret's answer when an entry listed a moment ago was deleted before it could be read. */
function isVanishedEntry(error: unknown): boolean {
  return error instanceof Error && /No such secret item/i.test(error.message)
}

/** A secret store on the OS keychain. Nothing is read or loaded until the first call. */
export function createSecretStore(options: SecretStoreOptions): SecretStore {
  const service = options.service ?? defaultSecretService
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs
  let switchError: Error | null = null
  let backend: KeychainBackendName = 'keytar'
  try {
    backend = options.backend ?? keychainBackendName()
  } catch (error) {
    // A switch naming no binding fails every keychain call with the store's one error, not the start.
    switchError = error instanceof Error ? error : new Error(String(error))
  }
  const load =
    options.loadBackend ??
    (() => (switchError ? Promise.reject(switchError) : loadKeychainBackend(backend)))
  let binding: Promise<KeychainBackend> | null = null

  function keychain(): Promise<KeychainBackend> {
    binding ??= load().catch((error: unknown) => {
      // A later call tries again: the user may have installed or started the keychain meanwhile.
      binding = null
      throw error
    })
    return binding
  }

  /**
   * Runs one keychain call in the queue with a time limit from its start. A call that does not
   * answer in time fails and the queue moves on (the OS may be waiting for the user to unlock).
   */
  function queued<T>(call: (keychain: KeychainBackend) => Promise<T>): Promise<T> {
    return enqueue(async () => {
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new KeychainTimeout()), timeoutMs)
      })
      try {
        return await Promise.race([keychain().then(call), timeout])
      } finally {
        clearTimeout(timer)
      }
    })
  }

  /** Turns a failed keychain call into the store's one readable AppError. */
  function failed(what: string, error: unknown): AppErrorException {
    // The bindings' messages name D-Bus paths and keychain internals, never the secret itself.
    options.log.error(`the keychain refused to ${what}`, describeError(error))
    return keychainUnavailable(error)
  }

  async function run<T>(what: string, call: (keychain: KeychainBackend) => Promise<T>): Promise<T> {
    try {
      return await queued(call)
    } catch (error) {
      throw failed(what, error)
    }
  }

  /** The service's entries, read again once when one vanished under the listing. */
  async function listEntries(): Promise<Array<{ account: string; password: string }> | null> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await queued((k) => k.findCredentials(service))
      } catch (error) {
        if (!isVanishedEntry(error)) throw failed('list secrets', error)
        options.log.warn('a keychain entry vanished while listing', { attempt })
        if (attempt === 2) return null
      }
    }
  }

  /** The kinds `accountIds` hold, read entry by entry; an entry that cannot be read is left out. */
  async function kindsOneByOne(accountIds: readonly string[]) {
    const entries: Array<{ account: string; password: string }> = []
    for (const accountId of accountIds) {
      for (const kind of secretKinds) {
        const name = entry(accountId, kind)
        const password = await queued((k) => k.getPassword(service, name)).catch(
          (error: unknown) => {
            options.log.warn('a keychain entry could not be read while listing', {
              accountId,
              kind,
              error: describeError(error),
            })
            return null
          },
        )
        if (password !== null) entries.push({ account: name, password })
      }
    }
    return entries
  }

  const entry = (accountId: string, kind: SecretKind): string => {
    if (!accountIdPattern.test(accountId)) throw new Error(`Not an account id: "${accountId}"`)
    return `${accountId}/${kind}`
  }

  return {
    service,
    backend,
    async get(accountId, kind) {
      const name = entry(accountId, kind)
      return await run('read a secret', (k) => k.getPassword(service, name))
    },
    async set(accountId, kind, value) {
      const name = entry(accountId, kind)
      if (value.length === 0) throw new Error('An empty secret is never stored')
      return await run('store a secret', (k) => k.setPassword(service, name, value))
    },
    async delete(accountId, kind) {
      const name = entry(accountId, kind)
      return await run('delete a secret', (k) => k.deletePassword(service, name))
    },
    async deleteAll(accountId) {
      for (const kind of secretKinds) {
        const name = entry(accountId, kind)
        await run('delete a secret', (k) => k.deletePassword(service, name))
      }
    },
    async inventory(accountIds = []) {
      const credentials = (await listEntries()) ?? (await kindsOneByOne(accountIds))
      const kinds = new Map<string, Set<SecretKind>>()
      for (const { account, password } of credentials) {
        const slash = account.lastIndexOf('/')
        const kind = account.slice(slash + 1)
        if (slash <= 0 || !isSecretKind(kind) || password.length === 0) continue
        const accountId = account.slice(0, slash)
        let set = kinds.get(accountId)
        if (!set) kinds.set(accountId, (set = new Set()))
        set.add(kind)
      }
      return kinds
    },
  }
}

export function isSecretKind(value: string): value is SecretKind {
  return (secretKinds as readonly string[]).includes(value)
}

class KeychainTimeout extends Error {
  constructor() {
    super('the keychain did not answer in time')
    this.name = 'KeychainTimeout'
  }
}

/** The one error every keychain failure becomes: what happened and what to do. */
function keychainUnavailable(cause: unknown): AppErrorException {
  const hint =
    process.platform === 'darwin'
      ? 'Unlock the login keychain in Keychain Access'
      : process.platform === 'win32'
        ? 'Sign in to Windows with your own user account so Credential Manager is available'
        : 'Unlock your keyring, or install and start a Secret Service such as gnome-keyring or KeePassXC'
  const what =
    cause instanceof KeychainTimeout
      ? 'The system keychain did not answer in time.'
      : 'The system keychain is not available, so Freightdesk cannot read or store account secrets.'
  return appError(
    'internal',
    `${what} ${hint}, then try again. Freightdesk never stores secrets anywhere else.`,
    {},
    cause,
  )
}
