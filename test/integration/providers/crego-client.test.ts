import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DocumentShare, ProviderDocument } from '@shared/domain/documents'
import { AppError } from '@shared/errors'
import {
  createCregoTokenManager,
  cregoLogin,
  pastedCregoTokens,
} from '../../../electron/main/providers/crego/auth'
import { createCregoClient, type CregoClient } from '../../../electron/main/providers/crego/client'
import { mapCregoDocument, publicLink } from '../../../electron/main/providers/crego/map'
import type { Document as CregoDocument } from '../../../electron/main/simulators/crego/shapes'
import { toAppError } from '../../../electron/main/providers/errors'
import type { StoredTokens } from '../../../electron/main/providers/token-manager'
import { createMemoryTokenStore } from '../../support/memory-token-store'
import { createRecordingLogger } from '../../support/recording-logger'
import { providerFailure } from '../../support/provider-failure'
import { cregoSimulator, type CregoSimulator } from '../../support/simulators'

const now = '2026-03-02T09:00:00Z'
/** Documents and shares. Token faults go to `authSim`: they expire even the pasted token for good. */
let sim: CregoSimulator
let authSim: CregoSimulator
let documentsSim: CregoSimulator

beforeAll(async () => {
  sim = documentsSim = await cregoSimulator({ seed: 9, now, documents: 130 })
  authSim = await cregoSimulator({ seed: 10, now, documents: 10 })
})
beforeEach(() => {
  sim.faults.reset()
  authSim.faults.reset()
})

interface Harness {
  client: CregoClient
  store: ReturnType<typeof createMemoryTokenStore>
  log: ReturnType<typeof createRecordingLogger>
  timeline: string[]
}

/** A client signed in by staff login (or with a pasted token), on the simulator's clock. */
async function harness(
  options: {
    pasted?: boolean
    keepLogin?: boolean
    shareLinkBase?: string
    target?: CregoSimulator
  } = {},
): Promise<Harness> {
  const sim = options.target ?? documentsSim
  const log = createRecordingLogger()
  const timeline: string[] = []
  const http = {
    fetch: (input: string | URL | Request, init?: RequestInit) => {
      const authorization = new Headers(init?.headers).get('authorization')
      if (authorization) timeline.push(`use:${authorization.slice('Bearer '.length)}`)
      return fetch(input, init)
    },
    sleep: () => Promise.resolve(),
  }
  const connection = { baseUrl: sim.baseUrl, log, http }
  const login = { username: sim.credentials.username, password: sim.credentials.password }
  let initial: StoredTokens
  if (options.pasted) initial = pastedCregoTokens(sim.credentials.apiToken)
  else {
    const { grant } = await cregoLogin(connection, login)
    initial = {
      accessToken: grant.accessToken,
      accessTokenExpiresAt: new Date(
        sim.clock.now() + (grant.expiresInSeconds ?? 0) * 1000,
      ).toISOString(),
      refreshToken: grant.refreshToken,
    }
  }
  const store = createMemoryTokenStore(initial, { timeline })
  const tokens = createCregoTokenManager({
    ...connection,
    store,
    now: () => sim.clock.now(),
    ...(options.keepLogin ? { login } : {}),
  })
  const client = createCregoClient({
    ...connection,
    tokens,
    ...(options.shareLinkBase ? { shareLinkBase: options.shareLinkBase } : {}),
  })
  return { client, store, log, timeline }
}

const documentsWithFiles = () =>
  [...sim.state.documents.values()].filter((document) => document.files.length > 0)
const future = (ms: number) => new Date(sim.clock.now() + ms).toISOString()

describe('signing in', () => {
  it('logs in as staff and refuses a wrong password without repeating it anywhere', async () => {
    const log = createRecordingLogger()
    const { grant, user } = await cregoLogin(
      { baseUrl: authSim.baseUrl, log },
      { username: authSim.credentials.username, password: authSim.credentials.password },
    )
    expect(grant.expiresInSeconds).toBe(900)
    expect(user.username).toBe(authSim.credentials.username)
    const error = await providerFailure(
      cregoLogin(
        { baseUrl: authSim.baseUrl, log },
        { username: 'ewa.mazur', password: 'wrong-pass-4242' },
      ),
    )
    expect(error.kind).toBe('auth')
    expect(error.message).toBe(
      'Crego did not accept the sign-in: No active account found with the given credentials. Check the Crego username and password in Accounts.',
    )
    expect(`${log.text()} ${error.message}`).not.toContain('wrong-pass-4242')
  })

  it('refreshes before the 900 s token expires, storing the rotated token before using it', async () => {
    const { client, store, timeline } = await harness({ target: authSim })
    const first = store.current
    await client.documentsPage({}, 1, 5)
    authSim.clock.advance(900_000 - 20_000)
    await client.documentsPage({}, 1, 5)
    const second = store.current
    expect(second?.refreshToken).not.toBe(first?.refreshToken)
    const stored = timeline.indexOf(`store:${second?.refreshToken}:${second?.accessToken}`)
    expect(stored).toBeGreaterThanOrEqual(0)
    expect(timeline.indexOf(`use:${second?.accessToken}`)).toBeGreaterThan(stored)
  })

  it('refreshes once after a 401, and asks for a sign-in when the refresh token is dead', async () => {
    const { client, store } = await harness({ target: authSim })
    authSim.faults.expireTokens()
    expect((await client.documentsPage({}, 1, 5)).items).toHaveLength(5)
    expect(store.writes).toHaveLength(1)
    authSim.faults.revokeRefreshTokens()
    authSim.faults.expireTokens()
    const error = await providerFailure(client.documentsPage({}, 1, 5))
    expect(AppError.parse(toAppError(error))).toMatchObject({
      code: 'auth_required',
      provider: 'crego',
      message:
        "Crego no longer accepts this account's sign-in. Sign in to Crego again in Accounts (or paste a new access token).",
    })
  })

  it('logs in again by itself when it keeps the staff credentials', async () => {
    const { client, store } = await harness({ keepLogin: true, target: authSim })
    authSim.faults.revokeRefreshTokens()
    authSim.faults.expireTokens()
    expect((await client.documentsPage({}, 1, 5)).items).toHaveLength(5)
    expect(store.writes).toHaveLength(1)
  })

  it('works with a pasted token and asks for a new one when it stops working', async () => {
    // Its own simulator: expiring tokens ends the pasted token there for good.
    const own = await cregoSimulator({ seed: 11, now, documents: 3 })
    try {
      const { client } = await harness({ pasted: true, target: own })
      expect((await client.probe()).outcome).toBe('ok')
      own.faults.expireTokens()
      const error = await providerFailure(client.documentsPage())
      expect(error.message).toBe(
        "Crego no longer accepts this account's access token. Sign in to Crego again in Accounts (or paste a new access token).",
      )
      expect((await client.probe()).outcome).toBe('bad_credentials')
    } finally {
      await own.stop()
    }
  })
})

describe('documents', () => {
  it('lists every document once, mapped, across pages', async () => {
    const { client } = await harness({ pasted: true })
    const result = await client.allDocuments({}, { pageSize: 50 })
    expect(result.items).toHaveLength(sim.state.documents.size)
    expect(new Set(result.items.map((document) => document.providerId)).size).toBe(
      sim.state.documents.size,
    )
    expect(result).toMatchObject({ pages: 3, shifted: false })
    for (const document of result.items)
      expect(ProviderDocument.safeParse(document).success).toBe(true)
  })

  it('filters by category, status, tags and text', async () => {
    const { client } = await harness({ pasted: true })
    const sample = documentsWithFiles()[0] as CregoDocument
    const byCategory = await client.allDocuments({
      category: sample.category,
      status: sample.status,
    })
    expect(byCategory.items.length).toBeGreaterThan(0)
    for (const document of byCategory.items) {
      expect(document).toMatchObject({ category: sample.category, status: sample.status })
    }
    const tag = sample.tags[0] as string
    const byTag = await client.allDocuments({ tags: [tag] })
    for (const document of byTag.items) expect(document.tags).toContain(tag)
    const byText = await client.allDocuments({ search: sample.name.slice(0, 12) })
    expect(byText.items.map((document) => document.providerId)).toContain(sample.id)
    const invalid = await providerFailure(client.documentsPage({ category: 'letters' }))
    expect(invalid.fields).toEqual({
      category: ['Select a valid choice. letters is not one of the available choices.'],
    })
  })

  it('notices documents arriving while it pages', async () => {
    const { client } = await harness({ pasted: true })
    sim.faults.set({ insertWhilePaging: 4 })
    const result = await client.allDocuments({}, { pageSize: 40 })
    const ids = result.items.map((document) => document.providerId)
    expect(new Set(ids).size).toBe(ids.length)
    expect(result.shifted).toBe(true)
  })

  it('gets one document, and says so when it does not exist', async () => {
    const { client } = await harness({ pasted: true })
    const sample = documentsWithFiles()[0] as CregoDocument
    expect(await client.document(sample.id)).toEqual(mapCregoDocument(sample))
    const missing = await providerFailure(client.document('01J00000000000000000000000'))
    expect(missing).toMatchObject({ kind: 'not_found', status: 404 })
  })

  it('downloads a file as bytes or a stream, within a size limit', async () => {
    const { client } = await harness({ pasted: true })
    const sample = documentsWithFiles()[0] as CregoDocument
    const file = sample.files[0] as CregoDocument['files'][number]
    const downloaded = await client.downloadFile(sample.id, file.id)
    expect(downloaded).toMatchObject({ contentType: 'application/pdf', fileName: file.name })
    expect(downloaded.bytes.byteLength).toBe(file.size)
    const opened = await client.openFile(sample.id, file.id)
    const reader = opened.stream.getReader()
    let total = 0
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      total += read.value.byteLength
    }
    expect(total).toBe(file.size)
    const tooLarge = await providerFailure(
      client.downloadFile(sample.id, file.id, { maxBytes: 64 }),
    )
    expect(tooLarge.message).toBe(
      'What Crego sent to download the file is larger than the 64 bytes Freightdesk accepts. Open it on Crego instead.',
    )
  })

  it('rides out a 5xx storm, a reset and broken JSON', async () => {
    const { client } = await harness({ pasted: true })
    for (const kind of ['server_error', 'reset', 'malformed'] as const) {
      sim.faults.failNext(2, kind)
      expect((await client.documentsPage({}, 1, 5)).items).toHaveLength(5)
    }
  })
})

describe('shares', () => {
  it('creates a link that works, lists it, extends it, and revokes it (then 410)', async () => {
    const { client } = await harness({ pasted: true })
    const document = documentsWithFiles()[1] as CregoDocument
    const share = await client.createShare(document.id, future(2 * 3_600_000))
    expect(DocumentShare.parse(share)).toEqual(share)
    expect(share.url).toMatch(new RegExp(`^${sim.baseUrl}/shares/[^/]+/preview/$`))
    expect(share.expiresAt).toBe(future(2 * 3_600_000))
    const page = await fetch(share.url)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain(document.name.replace(/&/g, '&amp;').slice(0, 20))

    expect((await client.allShares(document.id)).map((each) => each.providerId)).toContain(
      share.providerId,
    )
    expect(await client.share(document.id, share.providerId)).toEqual(share)
    const extended = await client.updateShare(document.id, share.providerId, future(48 * 3_600_000))
    expect(extended.expiresAt).toBe(future(48 * 3_600_000))
    expect(extended.url).toBe(share.url)

    expect(await client.deleteShare(document.id, share.providerId)).toEqual({ alreadyGone: false })
    expect((await fetch(share.url)).status).toBe(410)
    expect(await client.deleteShare(document.id, share.providerId)).toEqual({ alreadyGone: true })
    expect((await providerFailure(client.share(document.id, share.providerId))).kind).toBe(
      'not_found',
    )
  })

  it('filters shares by expiry', async () => {
    const { client } = await harness({ pasted: true })
    const document = documentsWithFiles()[2] as CregoDocument
    const soon = await client.createShare(document.id, future(3_600_000))
    const later = await client.createShare(document.id, future(10 * 86_400_000))
    const ids = async (query: Parameters<CregoClient['allShares']>[1]) =>
      (await client.allShares(document.id, query)).map((share) => share.providerId)
    expect(await ids({ expiresAtLte: future(86_400_000) })).toEqual([soon.providerId])
    expect(await ids({ expiresAtGte: new Date(sim.clock.now() + 86_400_000) })).toEqual([
      later.providerId,
    ])
    expect(await ids({ expiresAt: later.expiresAt })).toEqual([later.providerId])
    const invalid = await providerFailure(
      client.sharesPage(document.id, { expiresAtGte: 'next week' }),
    )
    expect(invalid.fields).toEqual({ expires_at_gte: ['Enter a valid date/time.'] })
  })

  it('refuses an expiry in the past on the field it concerns', async () => {
    const { client } = await harness({ pasted: true })
    const document = documentsWithFiles()[0] as CregoDocument
    const past = await providerFailure(client.createShare(document.id, future(-60_000)))
    expect(past).toMatchObject({ kind: 'validation', status: 400 })
    expect(AppError.parse(toAppError(past)).fields).toEqual({
      expires_at: 'Expiry must be in the future.',
    })
    const local = await providerFailure(client.createShare(document.id, 'tomorrow'))
    expect(local).toMatchObject({ kind: 'validation', status: null })
    expect(Object.keys(local.fields)).toEqual(['expires_at'])
  })

  it('builds public links on the account’s share-link base', async () => {
    const { client } = await harness({
      pasted: true,
      shareLinkBase: 'https://docs.example.com/crego/',
    })
    expect(client.publicLink({ token: 'a+b/c' })).toBe(
      'https://docs.example.com/crego/shares/a%2Bb%2Fc/preview/',
    )
    expect(publicLink('https://preprod.api.crego.io', { token: 'xyz' })).toBe(
      'https://preprod.api.crego.io/shares/xyz/preview/',
    )
  })
})

describe('probe', () => {
  it('tells ok and unreachable apart', async () => {
    const { client } = await harness({ pasted: true })
    expect((await client.probe()).outcome).toBe('ok')
    await sim.faults.goOffline()
    try {
      expect(await client.probe()).toMatchObject({
        outcome: 'unreachable',
        error: { code: 'offline' },
      })
    } finally {
      await sim.faults.goOnline()
    }
  })
})
