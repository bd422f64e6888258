/** Accounts on the simulators, added and signed in through the channels as the app does. */
import type { SpotGoAccount, TranseuAccount } from '@shared/domain/account'
import { signInOnConsentPage } from '../../electron/main/simulators'
import type { SpotGoSimulator } from '../../electron/main/simulators/spotgo/server'
import type { TranseuSimulator } from '../../electron/main/simulators/transeu/server'
import { transeuLists } from '../../electron/main/providers/transeu/wire'
import type { TestCore } from './test-core'

/**
 * Signs an account in to the Trans.eu simulator the way a user does: starts the sign-in, opens the
 * authorize page, submits the form, and follows the redirect to the app's loopback listener.
 */
export async function signInTranseu(
  app: TestCore,
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

export async function addSpotGoAccount(app: TestCore, sim: SpotGoSimulator) {
  return (await app.call('accounts.add', {
    provider: 'spotgo',
    name: 'SpotGo Kraków',
    environment: 'custom',
    baseUrl: sim.baseUrl,
    ownerEmail: sim.credentials.ownerEmail,
    apiKey: sim.credentials.apiKey,
  })) as SpotGoAccount
}

export async function addTranseuAccount(app: TestCore, sim: TranseuSimulator) {
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
