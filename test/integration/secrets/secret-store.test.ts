import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isAppErrorException } from '@shared/errors'
import {
  keychainBackendName,
  keychainBackendNames,
  type KeychainBackend,
} from '../../../electron/main/secrets/keychain-backends'
import { createSecretStore, secretKinds } from '../../../electron/main/secrets/secret-store'
import {
  keychainEntries,
  requireKeychain,
  sweepKeychain,
  testSecretService,
} from '../../support/keychain'
import { createRecordingLogger } from '../../support/recording-logger'

const service = testSecretService()

describe.each(keychainBackendNames)(
  'the secret store on the real keychain through %s',
  (backend) => {
    const log = createRecordingLogger()
    const store = createSecretStore({ service, log, backend })
    const storedEntries = () => keychainEntries(service, backend)

    beforeAll(() => requireKeychain(backend))
    afterAll(async () => {
      await sweepKeychain(service, backend)
      expect(await keychainEntries(service, backend)).toEqual([])
    })

    it('runs on the binding it was given', () => {
      expect(store.backend).toBe(backend)
    })

    it('round-trips a secret under <accountId>/<kind> of its own service', async () => {
      await store.set('acc-1', 'spotgo.api-key', 'key-0001-ąę')
      expect(await store.get('acc-1', 'spotgo.api-key')).toBe('key-0001-ąę')
      expect(await storedEntries()).toEqual([
        { account: 'acc-1/spotgo.api-key', password: 'key-0001-ąę' },
      ])
      // The default service is never touched by tests.
      expect(store.service).toBe(service)
    })

    it('overwrites in place: one entry per account and kind', async () => {
      const tokens = JSON.stringify({
        accessToken: 'a1',
        accessTokenExpiresAt: 1,
        refreshToken: 'r1',
      })
      const rotated = JSON.stringify({
        accessToken: 'a2',
        accessTokenExpiresAt: 2,
        refreshToken: 'r2',
      })
      await store.set('acc-2', 'transeu.tokens', tokens)
      await store.set('acc-2', 'transeu.tokens', rotated)
      expect(await store.get('acc-2', 'transeu.tokens')).toBe(rotated)
      const entries = (await storedEntries()).filter((e) => e.account.startsWith('acc-2/'))
      expect(entries).toEqual([{ account: 'acc-2/transeu.tokens', password: rotated }])
    })

    it('answers null for a secret that is not there', async () => {
      expect(await store.get('acc-unknown', 'crego.tokens')).toBeNull()
    })

    it('lists which kinds each account has without handing out values', async () => {
      await store.set('acc-3', 'transeu.app', '{"clientId":"c","clientSecret":"s","apiKey":"k"}')
      await store.set('acc-3', 'transeu.tokens', '{"accessToken":"t"}')
      const inventory = await store.inventory()
      expect([...(inventory.get('acc-3') ?? [])].sort()).toEqual(['transeu.app', 'transeu.tokens'])
      expect([...(inventory.get('acc-1') ?? [])]).toEqual(['spotgo.api-key'])
    })

    it('deletes one kind, then every kind of an account, leaving others alone', async () => {
      expect(await store.delete('acc-3', 'transeu.tokens')).toBe(true)
      expect(await store.delete('acc-3', 'transeu.tokens')).toBe(false)
      expect(await store.get('acc-3', 'transeu.tokens')).toBeNull()
      expect(await store.get('acc-3', 'transeu.app')).not.toBeNull()

      for (const kind of secretKinds) await store.set('acc-4', kind, `value-of-${kind}`)
      await store.deleteAll('acc-4')
      for (const kind of secretKinds) expect(await store.get('acc-4', kind)).toBeNull()
      expect((await store.inventory()).has('acc-4')).toBe(false)
      expect(await store.get('acc-1', 'spotgo.api-key')).toBe('key-0001-ąę')
    })

    it('refuses account ids that could collide with another entry', async () => {
      await expect(store.set('a/b', 'spotgo.api-key', 'x')).rejects.toThrow()
      await expect(store.get('', 'spotgo.api-key')).rejects.toThrow(/Not an account id/)
    })
  },
)

describe('choosing the binding', () => {
  it('is keytar unless FREIGHTDESK_KEYCHAIN names @napi-rs/keyring', () => {
    expect(keychainBackendName({})).toBe('keytar')
    expect(keychainBackendName({ FREIGHTDESK_KEYCHAIN: 'napi' })).toBe('napi')
    expect(keychainBackendName({ FREIGHTDESK_KEYCHAIN: ' Keytar ' })).toBe('keytar')
    expect(() => keychainBackendName({ FREIGHTDESK_KEYCHAIN: 'plaintext' })).toThrow(/keytar, napi/)
  })

  it('turns a switch that names no binding into the store error, not a crash at start', async () => {
    const previous = process.env.FREIGHTDESK_KEYCHAIN
    process.env.FREIGHTDESK_KEYCHAIN = 'plaintext'
    try {
      const failLog = createRecordingLogger()
      const store = createSecretStore({ service, log: failLog })
      await expect(store.get('acc', 'spotgo.api-key')).rejects.toMatchObject({
        error: { code: 'internal' },
      })
      expect(failLog.text()).toContain('FREIGHTDESK_KEYCHAIN=plaintext')
    } finally {
      if (previous === undefined) delete process.env.FREIGHTDESK_KEYCHAIN
      else process.env.FREIGHTDESK_KEYCHAIN = previous
    }
  })
})

describe('a keychain that fails', () => {
  const failing = (message: string): KeychainBackend => ({
    getPassword: () => Promise.reject(new Error(message)),
    setPassword: () => Promise.reject(new Error(message)),
    deletePassword: () => Promise.reject(new Error(message)),
    findCredentials: () => Promise.reject(new Error(message)),
  })

  it('turns every failure into an AppError that says what to do', async () => {
    const failLog = createRecordingLogger()
    const broken = createSecretStore({
      service,
      log: failLog,
      loadBackend: () => Promise.resolve(failing('Cannot autolaunch D-Bus without X11 $DISPLAY')),
    })
    for (const attempt of [
      () => broken.get('acc', 'spotgo.api-key'),
      () => broken.set('acc', 'spotgo.api-key', 'the-secret-value'),
      () => broken.delete('acc', 'spotgo.api-key'),
      () => broken.inventory(),
    ]) {
      const error: unknown = await attempt().catch((caught: unknown) => caught)
      expect(isAppErrorException(error)).toBe(true)
      if (!isAppErrorException(error)) continue
      expect(error.error.message).toMatch(/system keychain is not available/)
      expect(error.error.message).toMatch(/then try again/)
      expect(error.error.message).not.toContain('D-Bus')
    }
    expect(failLog.text()).toContain('D-Bus')
    expect(failLog.text()).not.toContain('the-secret-value')
  })

  it('reports a native module that does not load the same way, and tries again later', async () => {
    let loads = 0
    const broken = createSecretStore({
      service,
      log: createRecordingLogger(),
      loadBackend: () => {
        loads++
        return Promise.reject(new Error('keytar.node: invalid ELF header'))
      },
    })
    await expect(broken.get('acc', 'spotgo.api-key')).rejects.toMatchObject({
      error: { code: 'internal' },
    })
    await expect(broken.get('acc', 'spotgo.api-key')).rejects.toThrow(/keychain/)
    expect(loads).toBe(2)
  })

  it('makes one keychain call at a time, in the order they were asked for', async () => {
    let active = 0
    let most = 0
    const started: string[] = []
    const slow =
      <T>(name: string, value: T) =>
      async (): Promise<T> => {
        started.push(name)
        active++
        most = Math.max(most, active)
        await new Promise((resolve) => setImmediate(resolve))
        active--
        return value
      }
    const serial = createSecretStore({
      service,
      log: createRecordingLogger(),
      loadBackend: () =>
        Promise.resolve({
          getPassword: (_service, account) => slow(`get ${account}`, 'v')(),
          setPassword: (_service, account) => slow(`set ${account}`, undefined)(),
          deletePassword: (_service, account) => slow(`delete ${account}`, true)(),
          findCredentials: () => slow('list', [])(),
        }),
    })
    await Promise.all([
      serial.set('a', 'spotgo.api-key', 'x'),
      serial.inventory(),
      serial.delete('a', 'spotgo.api-key'),
      serial.get('a', 'spotgo.api-key'),
      serial.inventory(),
    ])
    expect(most).toBe(1)
    expect(started).toEqual([
      'set a/spotgo.api-key',
      'list',
      'delete a/spotgo.api-key',
      'get a/spotgo.api-key',
      'list',
    ])
  })

  it('reads a listing again when an entry vanished under it, then entry by entry', async () => {
    const vanished = new Error(
      'No such secret item at path: /org/freedesktop/secrets/collection/login/7',
    )
    let listings = 0
    const flaky = (failures: number) =>
      createSecretStore({
        service,
        log: createRecordingLogger(),
        loadBackend: () =>
          Promise.resolve({
            ...failing('unused'),
            findCredentials: () =>
              ++listings <= failures
                ? Promise.reject(vanished)
                : Promise.resolve([{ account: 'acc-1/spotgo.api-key', password: 'k' }]),
            getPassword: (_service: string, account: string) =>
              Promise.resolve(account === 'acc-2/transeu.app' ? '{}' : null),
          }),
      })
    const once = await flaky(1).inventory(['acc-1'])
    expect(listings).toBe(2)
    expect([...once]).toEqual([['acc-1', new Set(['spotgo.api-key'])]])

    listings = 0
    const always = await flaky(Infinity).inventory(['acc-1', 'acc-2'])
    expect(listings).toBe(2)
    expect([...always]).toEqual([['acc-2', new Set(['transeu.app'])]])
  })

  it('gives up on a call that does not answer and goes on with the next', async () => {
    const stuck = createSecretStore({
      service,
      log: createRecordingLogger(),
      timeoutMs: 50,
      loadBackend: () =>
        Promise.resolve({
          ...failing('unused'),
          getPassword: (_service: string, account: string) =>
            account.startsWith('silent/')
              ? new Promise<string | null>(() => {})
              : Promise.resolve('answered'),
        }),
    })
    const [silent, next] = await Promise.allSettled([
      stuck.get('silent', 'spotgo.api-key'),
      stuck.get('other', 'spotgo.api-key'),
    ])
    expect(silent).toMatchObject({ status: 'rejected', reason: { error: { code: 'internal' } } })
    expect(next).toEqual({ status: 'fulfilled', value: 'answered' })
  })

  it('gives up on a keychain that does not answer', async () => {
    const silent = createSecretStore({
      service,
      log: createRecordingLogger(),
      timeoutMs: 50,
      loadBackend: () =>
        Promise.resolve({
          ...failing('unused'),
          getPassword: () => new Promise<string | null>(() => {}),
        }),
    })
    await expect(silent.get('acc', 'spotgo.api-key')).rejects.toThrow(/did not answer in time/)
  })
})
