/**
 * Shares and documents through the real router: a real cache file, accounts in the real keychain,
 * SpotGo and Crego simulators over HTTP. A link is stored only after the provider made it.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Account } from '@shared/domain/account'
import type { Share, ShareExpiry } from '@shared/domain/shares'
import { startSimulators, type Simulators } from '../../../electron/main/simulators'
import { makeFreight } from '../../support/freight-factory'
import { requireKeychain } from '../../support/keychain'
import { saveBareAccount } from '../../support/cache'
import { startTestCore, type TestCore } from '../../support/test-core'

let sims: Simulators
let app: TestCore
let clipboard: Array<{ text: string; html: string }>
let spotgo: Account
let crego: Account
/** Local ids of the cached SpotGo freights and of one Trans.eu freight. */
let spotgoIds: number[]
let transeuId: number

beforeAll(async () => {
  await requireKeychain()
  sims = await startSimulators({ seed: 23, spotgoFreights: 5, transeuFreights: 2, documents: 9 })
})
afterAll(async () => {
  await sims.stop()
})

beforeEach(async () => {
  clipboard = []
  app = startTestCore({
    ports: { writeClipboard: (content) => void clipboard.push(content) },
  })
  spotgo = await app.call('accounts.add', {
    provider: 'spotgo',
    name: 'SpotGo Kraków',
    environment: 'custom',
    baseUrl: sims.spotgo.baseUrl,
    ownerEmail: sims.spotgo.credentials.ownerEmail,
    apiKey: sims.spotgo.credentials.apiKey,
  })
  crego = await app.call('accounts.add', {
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
  const ready = await app.core.services.accounts.clientFor(spotgo.id)
  if (ready.provider !== 'spotgo') throw new Error('expected SpotGo')
  const { cache } = app.core
  cache.freights.upsertBatch(spotgo.id, 'run-1', (await ready.client.listAll()).items)
  saveBareAccount(cache, { id: 'transeu-1', provider: 'transeu', name: 'Trans.eu' })
  cache.freights.upsertBatch('transeu-1', 'run-1', [makeFreight({ provider: 'transeu' }, 77)])
  const ids = cache.db.prepare('SELECT id, provider FROM freights ORDER BY id').all() as Array<{
    id: number
    provider: string
  }>
  spotgoIds = ids.filter((row) => row.provider === 'spotgo').map((row) => row.id)
  transeuId = ids.find((row) => row.provider === 'transeu')!.id
})
afterEach(async () => {
  await sims.spotgo.faults.goOnline()
  await sims.crego.faults.goOnline()
  await app.close()
})

const freightLink = (
  freightIds: number[],
  expiry: ShareExpiry = { kind: 'preset', preset: '8h' },
) => ({
  accountId: spotgo.id,
  freightIds,
  expiry,
  ownerEmail: sims.spotgo.credentials.ownerEmail,
})

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString()

async function firstDocument() {
  const list = await app.call('documents.list', { accountId: crego.id })
  return list.documents[0]!
}

describe('freight links (SpotGo)', () => {
  it('asks SpotGo for one link to the freights and stores it once made', async () => {
    const sharesBefore = sims.spotgo.state.shares.size
    const share = await app.call('shares.createFreightLink', freightLink(spotgoIds.slice(0, 2)))
    expect(sims.spotgo.state.shares.size).toBe(sharesBefore + 1)
    expect(share).toMatchObject({
      accountId: spotgo.id,
      accountName: 'SpotGo Kraków',
      provider: 'spotgo',
      kind: 'freights',
      state: 'active',
      canChange: false,
      revokedAt: null,
      document: null,
    })
    expect(share.freights.map((freight) => freight.freightId)).toEqual(spotgoIds.slice(0, 2))
    const lifetime = Date.parse(share.expiresAt) - Date.parse(share.createdAt)
    expect(Math.abs(lifetime - 8 * 3_600_000)).toBeLessThan(2_000)

    // The provider's page lists exactly those freights.
    const page = await fetch(share.url)
    expect(page.status).toBe(200)
    const html = await page.text()
    for (const freight of share.freights) expect(html).toContain(freight.reference!)

    expect(await app.call('shares.list', { state: 'active' })).toEqual([share])
    expect(await app.call('shares.list', { state: 'expired' })).toEqual([])
  })

  it('lists the links that show one freight, and tells the page when a link is made', async () => {
    const [a, b, c] = spotgoIds
    const both = await app.call('shares.createFreightLink', freightLink([a!, b!]))
    const onlyB = await app.call('shares.createFreightLink', freightLink([b!]))
    const ids = async (freightId: number) =>
      (await app.call('shares.list', { state: 'all', freightId })).map((share) => share.id)
    expect(await ids(a!)).toEqual([both.id])
    // Newest first.
    expect(await ids(b!)).toEqual([onlyB.id, both.id])
    expect(await ids(c!)).toEqual([])
    expect(await ids(transeuId)).toEqual([])
    expect(
      (await app.call('shares.list', { state: 'active', accountId: crego.id, freightId: b! }))
        .length,
    ).toBe(0)

    const changes = app.events.filter((event) => event.name === 'shares.changed')
    expect(changes.map((event) => event.payload)).toEqual([
      { reason: 'created', shareId: both.id, kind: 'freights', freightIds: [a, b], document: null },
      { reason: 'created', shareId: onlyB.id, kind: 'freights', freightIds: [b], document: null },
    ])
  })

  it('refuses a freight id that is not a whole positive number', async () => {
    const result = await app.core.router.invoke('shares.list', { state: 'all', freightId: -1 })
    expect(result).toMatchObject({ ok: false, error: { code: 'validation' } })
  })

  it('maps SpotGo field errors to the form fields and stores nothing', async () => {
    const before = sims.spotgo.state.shares.size
    const error = await app.failure(
      'shares.createFreightLink',
      freightLink([spotgoIds[0]!], { kind: 'custom', days: 31, hours: 0, minutes: 0 }),
    )
    expect(error.code).toBe('validation')
    expect(error.provider).toBe('spotgo')
    expect(error.fields?.expiry).toMatch(/at most 30 days/)
    expect(sims.spotgo.state.shares.size).toBe(before)
    expect(await app.call('shares.list', {})).toEqual([])
  })

  it('says offline when SpotGo cannot be reached, and stores nothing', async () => {
    await sims.spotgo.faults.goOffline()
    const error = await app.failure('shares.createFreightLink', freightLink([spotgoIds[0]!]))
    expect(error.code).toBe('offline')
    expect(error.message).toMatch(/needs a connection/)
    expect(await app.call('shares.list', {})).toEqual([])
    // The account learned it too.
    expect((await app.call('accounts.list')).find((a) => a.id === spotgo.id)?.status.state).toBe(
      'unreachable',
    )
  })

  it('explains a Trans.eu freight instead of sending it, and names the field', async () => {
    const before = sims.spotgo.state.shares.size
    const error = await app.failure(
      'shares.createFreightLink',
      freightLink([spotgoIds[0]!, transeuId]),
    )
    expect(error.code).toBe('validation')
    expect(error.message).toMatch(/Trans\.eu has no share links/)
    expect(error.fields).toHaveProperty('freightIds')
    expect(error.fields).toHaveProperty('freightIds.1')
    expect(sims.spotgo.state.shares.size).toBe(before)
  })

  it('refuses to extend or revoke a SpotGo link: SpotGo has no way to', async () => {
    const share = await app.call('shares.createFreightLink', freightLink([spotgoIds[0]!]))
    for (const [channel, input] of [
      ['shares.extend', { shareId: share.id, expiresAt: inHours(48) }],
      ['shares.revoke', { shareId: share.id }],
    ] as const) {
      const error = await app.failure(channel, input)
      expect(error.code).toBe('validation')
      expect(error.fields).toHaveProperty('shareId')
    }
    expect((await app.call('shares.list', {}))[0]).toMatchObject({ state: 'active' })
  })

  it('copies a link as text and as an HTML link naming the freights', async () => {
    const share = await app.call('shares.createFreightLink', freightLink(spotgoIds.slice(0, 2)))
    expect(await app.call('shares.copy', { shareId: share.id })).toEqual({
      copied: true,
      url: share.url,
    })
    const references = share.freights.map((freight) => freight.reference).join(', ')
    expect(clipboard).toEqual([
      { text: share.url, html: `<a href="${share.url}">Freights ${references}</a>` },
    ])
    const refused = await app.failure('shares.copy', { url: 'http://example.com/x' })
    expect(refused.code).toBe('validation')
    expect(clipboard).toHaveLength(1)
  })
})

describe('document links (Crego)', () => {
  it('creates, extends and revokes a link; the history follows and the link answers 410', async () => {
    const document = await firstDocument()
    const share = await app.call('shares.createDocumentLink', {
      accountId: crego.id,
      documentId: document.providerId,
      expiresAt: inHours(24),
    })
    expect(share).toMatchObject({
      provider: 'crego',
      kind: 'document',
      document: { providerId: document.providerId, title: document.name },
      state: 'active',
      canChange: true,
    })
    expect(share.url.startsWith(`${sims.crego.baseUrl}/shares/`)).toBe(true)
    expect((await fetch(share.url)).status).toBe(200)

    const later = new Date(Date.parse(share.expiresAt) + 3 * 86_400_000).toISOString()
    const extended = await app.call('shares.extend', { shareId: share.id, expiresAt: later })
    expect(extended.expiresAt).toBe(later)
    const atCrego = sims.crego.state.shares.get(share.providerShareId!)
    expect(atCrego && new Date(atCrego.expires_at).toISOString()).toBe(later)
    const detail = await app.call('documents.get', {
      accountId: crego.id,
      documentId: document.providerId,
    })
    expect(detail.shares).toEqual([
      expect.objectContaining({ shareId: share.id, expiresAt: later, state: 'active' }),
    ])

    const revoked = await app.call('shares.revoke', { shareId: share.id })
    expect(revoked.state).toBe('revoked')
    expect((await fetch(share.url)).status).toBe(410)
    expect(await app.call('shares.list', { state: 'revoked' })).toEqual([revoked])
    expect(await app.call('shares.list', { state: 'active' })).toEqual([])
    const again = await app.failure('shares.extend', { shareId: share.id, expiresAt: inHours(99) })
    expect(again.code).toBe('conflict')

    // Each change was announced once, naming the document; the refused extend was not.
    const document_ = { accountId: crego.id, documentId: document.providerId }
    expect(
      app.events.filter((event) => event.name === 'shares.changed').map((event) => event.payload),
    ).toEqual(
      (['created', 'extended', 'revoked'] as const).map((reason) => ({
        reason,
        shareId: share.id,
        kind: 'document',
        freightIds: [],
        document: document_,
      })),
    )
  })

  it('refuses an expiry in the past before asking Crego, on the expiresAt field', async () => {
    const document = await firstDocument()
    const before = sims.crego.state.shares.size
    const error = await app.failure('shares.createDocumentLink', {
      accountId: crego.id,
      documentId: document.providerId,
      expiresAt: inHours(-1),
    })
    expect(error.code).toBe('validation')
    expect(error.fields).toHaveProperty('expiresAt')
    expect(sims.crego.state.shares.size).toBe(before)
  })

  it('maps a document Crego does not know to not_found and stores nothing', async () => {
    const error = await app.failure('shares.createDocumentLink', {
      accountId: crego.id,
      documentId: '01HZZZZZZZZZZZZZZZZZZZZZZZ',
      expiresAt: inHours(2),
    })
    expect(error.code).toBe('not_found')
    expect(await app.call('shares.list', {})).toEqual([])
  })

  it('offline: no link, nothing stored, and the documents list from the cache', async () => {
    const online = await app.call('documents.list', { accountId: crego.id })
    expect(online.source).toBe('provider')
    expect(online.documents).toHaveLength(9)
    await sims.crego.faults.goOffline()
    const error = await app.failure('shares.createDocumentLink', {
      accountId: crego.id,
      documentId: online.documents[0]!.providerId,
      expiresAt: inHours(2),
    })
    expect(error.code).toBe('offline')
    expect(await app.call('shares.list', {})).toEqual([])

    const offline = await app.call('documents.list', { accountId: crego.id })
    expect(offline.source).toBe('cache')
    expect(offline.notice).toMatch(/saved on this computer/)
    expect(offline.documents.map((d) => d.providerId).sort()).toEqual(
      online.documents.map((d) => d.providerId).sort(),
    )
    const tag = online.documents[0]!.tags[0]!
    const byReference = await app.call('documents.list', { accountId: crego.id, reference: tag })
    expect(byReference.documents.length).toBeGreaterThan(0)
    for (const document of byReference.documents) expect(document.tags).toContain(tag)
    const detail = await app.call('documents.get', {
      accountId: crego.id,
      documentId: online.documents[0]!.providerId,
    })
    expect(detail).toMatchObject({ source: 'cache', document: { name: online.documents[0]!.name } })
  })

  it("finds a freight's documents by its reference", async () => {
    const { freight } = (await app.call('freights.get', { id: spotgoIds[0]! })) as {
      freight: { externalNumber: string | null; reference: string | null }
    }
    const reference = freight.externalNumber ?? freight.reference
    const found = await app.call('documents.forFreight', { freightId: spotgoIds[0]! })
    expect(found.references).toContain(reference)
    expect(found.source).toBe('provider')
    const atCrego = [...sims.crego.state.documents.values()].filter((document) =>
      document.tags.includes(reference!),
    )
    expect(found.documents.map((d) => d.providerId).sort()).toEqual(atCrego.map((d) => d.id).sort())
  })
})

describe('the share history', () => {
  it('judges active, expired and revoked at the time asked, and keeps expired links', () => {
    const { shares } = app.core.cache
    const base = {
      accountId: crego.id,
      accountName: 'Crego',
      provider: 'crego' as const,
      kind: 'document' as const,
      freights: [],
      url: 'https://crego.example/shares/x/preview/',
      createdAt: '2026-03-01T08:00:00.000Z',
    }
    shares.insert({
      ...base,
      id: 'a',
      document: { providerId: 'D1', title: 'CMR 1' },
      providerShareId: 's1',
      expiresAt: '2026-03-02T08:00:00.000Z',
      revokedAt: null,
    })
    shares.insert({
      ...base,
      id: 'b',
      document: { providerId: 'D2', title: 'CMR 2' },
      providerShareId: 's2',
      expiresAt: '2026-03-05T08:00:00.000Z',
      revokedAt: null,
    })
    shares.insert({
      ...base,
      id: 'c',
      document: { providerId: 'D2', title: 'CMR 2' },
      providerShareId: 's3',
      expiresAt: '2026-03-05T08:00:00.000Z',
      revokedAt: '2026-03-01T09:00:00.000Z',
    })
    const ids = (state: 'all' | 'active' | 'expired' | 'revoked', now: string) =>
      shares
        .list({ state, now })
        .map((share) => share.id)
        .sort()
    expect(ids('active', '2026-03-01T12:00:00.000Z')).toEqual(['a', 'b'])
    expect(ids('active', '2026-03-03T12:00:00.000Z')).toEqual(['b'])
    expect(ids('expired', '2026-03-03T12:00:00.000Z')).toEqual(['a'])
    expect(ids('expired', '2026-03-09T12:00:00.000Z')).toEqual(['a', 'b'])
    expect(ids('revoked', '2026-03-09T12:00:00.000Z')).toEqual(['c'])
    expect(ids('all', '2026-03-09T12:00:00.000Z')).toEqual(['a', 'b', 'c'])
    expect(
      shares.list({ state: 'all', now: '2026-03-09T12:00:00.000Z', documentId: 'D2' }),
    ).toHaveLength(2)
    const stateNow = (share: Share) => share.state
    expect(app.core.services.shares.list({ state: 'all' }).map(stateNow).sort()).toEqual([
      'expired',
      'expired',
      'revoked',
    ])
  })
})
