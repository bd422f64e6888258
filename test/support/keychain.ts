/**
 * The real OS keychain for tests: a service name of their own (`Freightdesk-test-<random>`), and a
 * sweep that deletes every entry filed under it. Tests that need the keychain fail loudly (never
 * skip) when it is not there: run them as CI does, inside
 * `dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets; ...'`.
 */
import { randomBytes } from 'node:crypto'
import keytar from 'keytar'
import { createSecretStore, type SecretStore } from '../../electron/main/secrets/secret-store'
import type { Logger } from '../../electron/main/log'
import { silentLogger } from '../../electron/main/log'

export function testSecretService(): string {
  return `Freightdesk-test-${randomBytes(6).toString('hex')}`
}

/** Every entry under `service`, read straight from the keychain (not through the app's store). */
export async function keychainEntries(
  service: string,
): Promise<Array<{ account: string; password: string }>> {
  return keytar.findCredentials(service)
}

/** Deletes every entry under `service`. */
export async function sweepKeychain(service: string): Promise<void> {
  for (const { account } of await keytar.findCredentials(service)) {
    await keytar.deletePassword(service, account)
  }
}

/** Fails with a clear message when no Secret Service answers, instead of letting tests skip. */
export async function requireKeychain(): Promise<void> {
  const service = testSecretService()
  try {
    await keytar.setPassword(service, 'probe', 'probe')
    await keytar.deletePassword(service, 'probe')
  } catch (error) {
    throw new Error(
      'These tests need the OS keychain and it is not available ' +
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
