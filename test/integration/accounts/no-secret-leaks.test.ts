/**
 * Secrets never leave main: with every provider signed in (and tokens rotated), EVERY channel of
 * the contract is called with valid input, and each serialized output, every event, the log and
 * every byte in the data folder (the SQLite file and its WAL included) is scanned for every secret.
 * A channel added to the contract without a sample input here is a compile error.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { channelNames, type Channel, type ChannelInput } from '@shared/contract'
import { defaultColumnLayout } from '@shared/domain/saved-view'
import { startSimulators, type Simulators } from '../../../electron/main/simulators'
import { keychainEntries, requireKeychain } from '../../support/keychain'
import { makeTempDir } from '../../support/temp-dir'
import { signInOnConsentPage } from '../../../electron/main/simulators'
import { createDownloadShelf } from '../../../electron/main/export/destination'
import { startTestCore, type TestCore } from '../../support/test-core'
import { signInTranseu } from '../../support/test-accounts'

let sims: Simulators
let app: TestCore
let downloads: ReturnType<typeof makeTempDir>
const clipboard: Array<{ text: string; html: string }> = []

beforeAll(async () => {
  await requireKeychain()
  sims = await startSimulators({
    seed: 41,
    spotgoFreights: 6,
    transeuFreights: 6,
    documents: 3,
    now: '2026-03-02T09:00:00Z',
  })
  downloads = makeTempDir('freightdesk-downloads-')
  app = startTestCore({
    sampleDataCounts: { spotgoFreights: 8, transeuFreights: 8, documents: 4 },
    ports: {
      exportDestination: createDownloadShelf(downloads.dir),
      writeClipboard: (content) => void clipboard.push(content),
    },
  })
})
afterAll(async () => {
  await app.close()
  await sims.stop()
  downloads.remove()
})

interface Context {
  spotgoId: string
  transeuId: string
  cregoId: string
  cregoTokenId: string
  freightId: number
  viewId: number
  /** A Crego document of the signed-in account. */
  documentId: string
  /** Codes that went through the loopback listener or were pasted. */
  codes: string[]
  /** Outbox items queued so far (each takes the next cached freight). */
  queued: number
  /** Credentials and tokens of the sample-data simulators. */
  sandboxSecrets: string[]
}

/** A valid input for every channel; some need a step first (a started sign-in, a saved view). */
type Samples = { [C in Channel]: (context: Context) => Promise<ChannelInput<C>> }

const samples: Samples = {
  'app.info': () => Promise.resolve(undefined),
  'app.notices': () => Promise.resolve(undefined),
  'app.openExternal': () => Promise.resolve({ url: 'https://platform.example/freights/1' }),
  'freights.query': () => Promise.resolve({}),
  'freights.get': (c) => Promise.resolve({ id: c.freightId }),
  'freights.facets': () => Promise.resolve({}),
  'freights.annotate': (c) => Promise.resolve({ ids: [c.freightId], note: 'call the loader' }),
  'freights.valueCounts': () => Promise.resolve({ dimension: 'account', filter: {} }),
  'freights.export': () =>
    Promise.resolve({ query: {}, columns: ['reference', 'loadingLocality'], format: 'csv' }),
  'grid.state': () => Promise.resolve(undefined),
  'grid.saveState': () => Promise.resolve({ looked: true }),
  'views.list': () => Promise.resolve(undefined),
  'views.save': () => Promise.resolve({ name: 'Mine', query: {}, layout: defaultColumnLayout() }),
  'views.remove': (c) => Promise.resolve({ id: c.viewId }),
  'accounts.list': () => Promise.resolve(undefined),
  'accounts.add': () =>
    Promise.resolve({
      provider: 'spotgo',
      name: 'SpotGo second',
      environment: 'custom',
      baseUrl: sims.spotgo.baseUrl,
      ownerEmail: sims.spotgo.credentials.ownerEmail,
      apiKey: sims.spotgo.credentials.apiKeys[1] ?? '',
    }),
  'accounts.update': (c) =>
    Promise.resolve({
      id: c.spotgoId,
      provider: 'spotgo',
      name: 'SpotGo Kraków',
      apiKey: sims.spotgo.credentials.apiKey,
    }),
  'accounts.remove': (c) => Promise.resolve({ id: c.cregoTokenId, removeCachedFreights: true }),
  'accounts.test': (c) => Promise.resolve({ id: c.transeuId }),
  'accounts.signIn.start': (c) => Promise.resolve({ id: c.transeuId }),
  'accounts.signIn.complete': async (c) => {
    const started = await app.call('accounts.signIn.start', { id: c.transeuId })
    const location = await signInOnConsentPage(started.authorizeUrl, sims.transeu.credentials.user)
    c.codes.push(location.searchParams.get('code') ?? '')
    return { signInId: started.signInId, response: location.toString() }
  },
  'accounts.signIn.cancel': async (c) => {
    const started = await app.call('accounts.signIn.start', { id: c.transeuId })
    return { signInId: started.signInId }
  },
  'sync.start': (c) => Promise.resolve({ accountId: c.transeuId }),
  'sync.cancel': () => Promise.resolve(undefined),
  'sync.runs': (c) => Promise.resolve({ accountId: c.transeuId }),
  'sync.readProblems': (c) => Promise.resolve({ accountId: c.transeuId }),
  'sync.copyDiagnostic': (c) => Promise.resolve({ accountId: c.transeuId }),
  'connectivity.get': () => Promise.resolve(undefined),
  // Another freight than the context's: that one is shared further on.
  'freights.delete': (c) => Promise.resolve({ id: spareSpotGoFreight(c).id }),
  'freights.changePrice': (c) =>
    Promise.resolve({
      id: spareSpotGoFreight(c).id,
      change: { price: 1500, ceiling: null, currency: 'EUR', paymentTermDays: 30 },
    }),
  'outbox.list': () => Promise.resolve(undefined),
  'outbox.retry': (c) => Promise.resolve({ id: queueWithdrawal(c) }),
  'outbox.discard': (c) => Promise.resolve({ id: queueWithdrawal(c) }),
  'shares.createFreightLink': (c) =>
    Promise.resolve({
      accountId: c.spotgoId,
      freightIds: [c.freightId],
      expiry: { kind: 'preset', preset: '8h' },
      ownerEmail: sims.spotgo.credentials.ownerEmail,
    }),
  'shares.createDocumentLink': (c) =>
    Promise.resolve({
      accountId: c.cregoId,
      documentId: c.documentId,
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    }),
  'shares.list': () => Promise.resolve({ state: 'all' }),
  'shares.extend': async (c) => ({
    shareId: (await documentLink(c)).id,
    expiresAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
  }),
  'shares.revoke': async (c) => ({ shareId: (await documentLink(c)).id }),
  'shares.copy': async (c) => ({ shareId: (await documentLink(c)).id }),
  'documents.list': (c) => Promise.resolve({ accountId: c.cregoId }),
  'documents.get': (c) => Promise.resolve({ accountId: c.cregoId, documentId: c.documentId }),
  'documents.forFreight': (c) => Promise.resolve({ freightId: c.freightId }),
  // Sample data: started before remove and offline (their order is alphabetical), its simulators'
  // credentials added to the secrets scanned for.
  'sandbox.remove': async (c) => {
    await startSandbox(c)
    return undefined
  },
  'sandbox.setOffline': async (c) => {
    await startSandbox(c)
    return { offline: true }
  },
  'sandbox.start': () => Promise.resolve(undefined),
  'sandbox.status': () => Promise.resolve(undefined),
}

/** Starts sample data and remembers every credential its simulators issued. */
async function startSandbox(c: Context): Promise<void> {
  await app.core.services.sampleData.start()
  const running = app.core.services.sampleData.simulators()
  if (!running) throw new Error('sample data did not start')
  c.sandboxSecrets.push(
    ...running.spotgo.credentials.apiKeys,
    running.transeu.credentials.clientSecret,
    running.transeu.credentials.apiKey,
    running.transeu.credentials.user.password,
    running.crego.credentials.password,
    running.crego.credentials.apiToken,
    ...running.transeu.state.oauth.tokens.accessTokens.keys(),
    ...running.transeu.state.oauth.tokens.refreshTokens.keys(),
    ...running.crego.state.auth.accessTokens.keys(),
    ...running.crego.state.auth.refreshTokens.keys(),
  )
}

/** The next cached SpotGo freight after the context's that no sample has used yet. */
function spareSpotGoFreight(c: Context): { id: number; provider_id: string } {
  const freight = app.core.cache.db
    .prepare<[string, number], { id: number; provider_id: string }>(
      'SELECT id, provider_id FROM freights WHERE account_id = ? AND id > ? ORDER BY id LIMIT 1',
    )
    .get(c.spotgoId, c.freightId + c.queued++)
  if (!freight) throw new Error('no cached SpotGo freight to withdraw')
  return freight
}

/** Puts a withdrawal of another cached SpotGo freight in the outbox; answers its id. */
function queueWithdrawal(c: Context): number {
  const freight = spareSpotGoFreight(c)
  const item = app.core.services.sync.store.addOutbox(
    {
      accountId: c.spotgoId,
      kind: 'spotgo.delete',
      freightId: freight.id,
      providerId: freight.provider_id,
      summary: 'Withdraw SpotGo freight',
    },
    new Date().toISOString(),
  )
  return item.id
}

/** A fresh Crego link to the context's document. */
function documentLink(c: Context) {
  return app.call('shares.createDocumentLink', {
    accountId: c.cregoId,
    documentId: c.documentId,
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  })
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name)
    return statSync(file).isDirectory() ? filesUnder(file) : [file]
  })
}

it('no output, event, log line or file carries a secret', async () => {
  const spotgo = await app.call('accounts.add', {
    provider: 'spotgo',
    name: 'SpotGo',
    environment: 'custom',
    baseUrl: sims.spotgo.baseUrl,
    ownerEmail: sims.spotgo.credentials.ownerEmail,
    apiKey: sims.spotgo.credentials.apiKey,
  })
  const transeu = await app.call('accounts.add', {
    provider: 'transeu',
    name: 'Trans.eu',
    environment: 'custom',
    baseUrl: sims.transeu.baseUrl,
    clientId: sims.transeu.credentials.clientId,
    clientSecret: sims.transeu.credentials.clientSecret,
    apiKey: sims.transeu.credentials.apiKey,
  })
  await signInTranseu(app, sims.transeu, transeu.id)
  const crego = await app.call('accounts.add', {
    provider: 'crego',
    name: 'Crego',
    environment: 'custom',
    baseUrl: sims.crego.baseUrl,
    credentials: {
      signInMethod: 'password',
      username: sims.crego.credentials.username,
      password: sims.crego.credentials.password,
    },
  })
  const cregoToken = await app.call('accounts.add', {
    provider: 'crego',
    name: 'Crego (token)',
    environment: 'custom',
    baseUrl: sims.crego.baseUrl,
    credentials: { signInMethod: 'token', accessToken: sims.crego.credentials.apiToken },
  })

  // Real provider data in the cache, through the account's client; and every token rotated once.
  const spotgoClient = await app.core.services.accounts.clientFor(spotgo.id)
  if (spotgoClient.provider !== 'spotgo') throw new Error('expected SpotGo')
  app.core.cache.freights.upsertBatch(
    spotgo.id,
    'run-1',
    (await spotgoClient.client.listAll()).items,
  )
  sims.clock.advance(7 * 3_600_000)
  let documentId = ''
  for (const id of [transeu.id, crego.id]) {
    const ready = await app.core.services.accounts.clientFor(id)
    if (ready.provider === 'transeu') await ready.client.listPage('freights', {}, 1)
    if (ready.provider === 'crego') {
      documentId = (await ready.client.documentsPage({}, 1, 5)).items[0]?.providerId ?? ''
    }
  }
  const freightId = app.core.cache.db.prepare('SELECT min(id) AS id FROM freights').get() as {
    id: number
  }
  const context: Context = {
    spotgoId: spotgo.id,
    transeuId: transeu.id,
    cregoId: crego.id,
    cregoTokenId: cregoToken.id,
    freightId: freightId.id,
    viewId: 0,
    documentId,
    codes: [],
    queued: 0,
    sandboxSecrets: [],
  }

  const outputs: Array<{ channel: string; text: string }> = []
  const order = [...channelNames].sort(
    (a, b) => Number(a === 'accounts.remove') - Number(b === 'accounts.remove'),
  )
  for (const channel of order) {
    if (channel === 'views.remove') {
      const saved = app.core.services.views.list()[0]
      context.viewId = saved?.id ?? 0
    }
    const input = await (samples[channel] as (c: Context) => Promise<unknown>)(context)
    const result = await app.core.router.invoke(channel, input)
    expect(result, `${channel} answered ${JSON.stringify(result)}`).toMatchObject({ ok: true })
    outputs.push({ channel, text: JSON.stringify(result) })
  }
  expect(outputs.map((output) => output.channel).sort()).toEqual([...channelNames].sort())

  // Every secret there is: the credentials typed in, and every token the keychain holds or held.
  const held = await keychainEntries(app.secretService)
  const secrets = new Set<string>([
    ...sims.spotgo.credentials.apiKeys,
    sims.transeu.credentials.clientSecret,
    sims.transeu.credentials.apiKey,
    sims.transeu.credentials.user.password,
    sims.crego.credentials.password,
    sims.crego.credentials.apiToken,
    ...context.codes,
    ...[...sims.transeu.state.oauth.tokens.accessTokens.keys()],
    ...[...sims.transeu.state.oauth.tokens.refreshTokens.keys()],
    ...[...sims.crego.state.auth.accessTokens.keys()],
    ...[...sims.crego.state.auth.refreshTokens.keys()],
    ...context.sandboxSecrets,
  ])
  for (const entry of held) {
    if (!entry.password.startsWith('{')) continue
    for (const [key, value] of Object.entries(
      JSON.parse(entry.password) as Record<string, unknown>,
    )) {
      // The OAuth client id is public (RFC 6749, 2.2): every authorize URL carries it.
      if (key === 'clientId' || key === 'accessTokenExpiresAt') continue
      if (typeof value === 'string') secrets.add(value)
    }
  }
  expect(secrets.size).toBeGreaterThan(12)
  expect(held.length).toBeGreaterThanOrEqual(4)

  // A share link and the read-problems diagnostic.
  expect(clipboard.length).toBe(2)
  outputs.push({ channel: 'the clipboard', text: JSON.stringify(clipboard) })
  const events = app.events.map((event) => JSON.stringify(event))
  expect(events.length).toBeGreaterThan(5)
  const log = app.log.text()
  app.core.cache.db.pragma('wal_checkpoint(PASSIVE)')
  const files = filesUnder(app.dir)
  expect(files.some((file) => file.endsWith('.sqlite'))).toBe(true)
  expect(files.some((file) => file.endsWith('.sqlite-wal'))).toBe(true)
  const bytes = files.map((file) => ({ file, content: readFileSync(file) }))

  for (const secret of secrets) {
    for (const output of outputs) {
      expect(output.text.includes(secret), `${output.channel} output`).toBe(false)
    }
    for (const event of events) expect(event.includes(secret), 'an event').toBe(false)
    expect(log.includes(secret), 'the log').toBe(false)
    for (const { file, content } of bytes) {
      expect(content.includes(Buffer.from(secret)), file).toBe(false)
    }
  }
})
