/**
 * What the accounts tests share: the three simulators for the file (SpotGo with two valid keys),
 * a fresh core for each test, and adding an account of each provider through the router.
 */
import { randomBytes } from 'node:crypto'
import { beforeAll, beforeEach } from 'vitest'
import type { CregoAccount, SpotGoAccount, TranseuAccount } from '@shared/domain/account'
import { startSpotGoSimulator } from '../../electron/main/simulators/spotgo/server'
import { keychainEntries, requireKeychain } from './keychain'
import {
  cregoSimulator,
  roomyTokenLimits,
  spotgoSimulator,
  transeuSimulator,
  type CregoSimulator,
  type SpotGoSimulator,
  type TranseuSimulator,
} from './simulators'
import { startTestCore, type TestCore } from './test-core'

export interface AccountsWorld {
  spotgoKeys: string[]
  spotgo: SpotGoSimulator
  transeu: TranseuSimulator
  crego: CregoSimulator
  /** A fresh core for each test. */
  app: TestCore
}

export type CregoSignIn = {
  signInMethod: 'password' | 'token'
  username?: string
  password?: string
  accessToken?: string
}

/** Registers the hooks; the fields are set once the file's and each test's hooks have run. */
export function useAccountsWorld() {
  const world = { spotgoKeys: [randomBytes(16).toString('hex'), randomBytes(16).toString('hex')] }
  const live = world as AccountsWorld
  beforeAll(async () => {
    await requireKeychain()
    const now = '2026-03-02T09:00:00Z'
    ;[live.spotgo, live.transeu, live.crego] = await Promise.all([
      spotgoSimulator({ seed: 31, freights: 7, now, apiKeys: live.spotgoKeys }),
      transeuSimulator({ seed: 32, freights: 6, now, rateLimits: roomyTokenLimits }),
      cregoSimulator({ seed: 33, documents: 5, now }),
    ])
  })
  beforeEach(() => {
    live.app = startTestCore()
  })

  const addSpotGo = (apiKey = live.spotgo.credentials.apiKey) =>
    live.app.call('accounts.add', {
      provider: 'spotgo',
      name: 'SpotGo Kraków',
      environment: 'custom',
      baseUrl: live.spotgo.baseUrl,
      ownerEmail: live.spotgo.credentials.ownerEmail,
      apiKey,
    }) as Promise<SpotGoAccount>

  const addTranseu = (sim = live.transeu, name = 'Trans.eu Wrocław') =>
    live.app.call('accounts.add', {
      provider: 'transeu',
      name,
      environment: 'custom',
      baseUrl: sim.baseUrl,
      clientId: sim.credentials.clientId,
      clientSecret: sim.credentials.clientSecret,
      apiKey: sim.credentials.apiKey,
    }) as Promise<TranseuAccount>

  const addCrego = (credentials: CregoSignIn) =>
    live.app.call('accounts.add', {
      provider: 'crego',
      name: 'Crego documents',
      environment: 'custom',
      baseUrl: live.crego.baseUrl,
      credentials: credentials as never,
    }) as Promise<CregoAccount>

  return {
    world: live,
    addSpotGo,
    addTranseu,
    addCrego,
    /** The keychain entries of the current test's core. */
    entries: () => keychainEntries(live.app.secretService),
  }
}

/** A port nothing listens on. */
export async function deadAddress(): Promise<string> {
  const sim = await startSpotGoSimulator({ seed: 1, freights: 1 })
  const address = sim.baseUrl
  await sim.stop()
  return address
}
