/**
 * The native bindings the secret store can run on, behind one small interface. `keytar` is the
 * default; `@napi-rs/keyring` (Rust keyring-rs through N-API, prebuilt for every platform, still
 * maintained) is the alternative, chosen with `FREIGHTDESK_KEYCHAIN=napi`, so the app is not stuck
 * if keytar stops building. Both are loaded on first use only.
 *
 * The two file entries differently on Linux and Windows, so each sees only its own: switching
 * means signing in again (docs/security.md). On Linux keytar's listing crashes the process on an
 * entry @napi-rs/keyring wrote under the same service, so never switch back without removing them.
 */

/** What the secret store needs from a keychain binding. */
export interface KeychainBackend {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  /** Whether there was an entry to delete. */
  deletePassword(service: string, account: string): Promise<boolean>
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>
}

export const keychainBackendNames = ['keytar', 'napi'] as const
export type KeychainBackendName = (typeof keychainBackendNames)[number]

/** The environment switch that picks the binding. */
export const keychainSwitch = 'FREIGHTDESK_KEYCHAIN'

/** The binding the environment asks for (keytar unless `FREIGHTDESK_KEYCHAIN=napi`). */
export function keychainBackendName(env: NodeJS.ProcessEnv = process.env): KeychainBackendName {
  const asked = env[keychainSwitch]?.trim().toLowerCase()
  if (!asked) return 'keytar'
  if ((keychainBackendNames as readonly string[]).includes(asked)) {
    return asked as KeychainBackendName
  }
  throw new Error(
    `${keychainSwitch}=${asked} names no keychain binding; use one of ${keychainBackendNames.join(', ')}`,
  )
}

/** Loads a binding's native module; rejects when it cannot load (the store says so plainly). */
export async function loadKeychainBackend(name: KeychainBackendName): Promise<KeychainBackend> {
  return name === 'napi' ? loadNapiKeyring() : loadKeytar()
}

async function loadKeytar(): Promise<KeychainBackend> {
  const loaded = (await import('keytar')) as KeychainBackend & { default?: KeychainBackend }
  return loaded.default ?? loaded
}

async function loadNapiKeyring(): Promise<KeychainBackend> {
  const { AsyncEntry, findCredentialsAsync } = await import('@napi-rs/keyring')
  // Only the Secret Service on Linux: never keyring-rs's fallback to the kernel keyring, which
  // forgets everything at reboot. Ignored on macOS and Windows.
  const options = { linux: { store: 'secret-service' as const } }
  const entry = (service: string, account: string) => new AsyncEntry(service, account, options)
  return {
    getPassword: (service, account) => entry(service, account).getPassword(),
    setPassword: (service, account, password) => entry(service, account).setPassword(password),
    deletePassword: (service, account) => entry(service, account).deleteCredential(),
    findCredentials: (service) => findCredentialsAsync(service),
  }
}
