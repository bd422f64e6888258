/**
 * The real OS keychain for tests: a service name of their own (`Freightdesk-test-<random>`), and a
 * sweep that deletes every entry filed under it, through the native binding under test (keytar, or
 * @napi-rs/keyring with `FREIGHTDESK_KEYCHAIN=napi`; the two do not see each other's entries).
 * Tests that need the keychain fail loudly (never skip) when it is not there: run them as CI does,
 * inside `dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets; ...'`.
 */
import { randomBytes } from 'node:crypto'
import {
  keychainBackendName,
  loadKeychainBackend,
  type KeychainBackendName,
} from '../../electron/main/secrets/keychain-backends'
import { createSecretStore, type SecretStore } from '../../electron/main/secrets/secret-store'
import type { Logger } from '../../electron/main/log'
import { silentLogger } from '../../electron/main/log'

export function testSecretService(): string {
  return `Freightdesk-test-${randomBytes(6).toString('hex')}`
}

/** Every entry under `service`, read straight from the binding (not through the app's store). */
export async function keychainEntries(
  service: string,
  backend: KeychainBackendName = keychainBackendName(),
): Promise<Array<{ account: string; password: string }>> {
  return (await loadKeychainBackend(backend)).findCredentials(service)
}

/** Deletes every entry under `service`. */
export async function sweepKeychain(
  service: string,
  backend: KeychainBackendName = keychainBackendName(),
): Promise<void> {
  const keychain = await loadKeychainBackend(backend)
  for (const { account } of await keychain.findCredentials(service)) {
    await keychain.deletePassword(service, account)
  }
}

/** Fails with a clear message when no Secret Service answers, instead of letting tests skip. */
export async function requireKeychain(
  backend: KeychainBackendName = keychainBackendName(),
): Promise<void> {
  const service = testSecretService()
  try {
    const keychain = await loadKeychainBackend(backend)
    await keychain.setPassword(service, 'probe', 'probe')
    await keychain.deletePassword(service, 'probe')
  } catch (error) {
    throw new Error(
      `These tests need the OS keychain (through ${backend}) and it is not available ` +
        `(${error instanceof Error ? error.message : String(error)}). Run them as CI does: ` +
        "HOME=$(mktemp -d) dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock " +
        "--components=secrets >/dev/null; npx vitest run'",
      { cause: error },
    )
  }
}

/** A secret store on the real keychain under a fresh test service name. */
export function createTestSecretStore(log: Logger = silentLogger): SecretStore {
  return createSecretStore({ service: testSecretService(), log })
}
