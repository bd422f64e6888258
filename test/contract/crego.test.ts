/**
 * Crego's documentation, held against the app: the documented example request of
 * `POST /documents/{document_id}/shares/` is sent by the client exactly as documented (address,
 * bearer token, JSON body), checked on a recording server; the documented example answer (times
 * with microseconds, an empty `updated_by`) goes through client -> map -> the share history (the
 * `shares.createDocumentLink` and `shares.list` channels), every documented field accounted for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CregoAccount } from '@shared/domain/account'
import type { DocumentShare } from '@shared/domain/documents'
import { createCregoTokenManager } from '../../electron/main/providers/crego/auth'
import { createCregoClient, type CregoClient } from '../../electron/main/providers/crego/client'
import {
  documentedShare,
  documentedShareRequest,
} from '../../electron/main/simulators/crego/documented-examples'
import { createMemoryTokenStore } from '../support/memory-token-store'
import { createRecordingLogger } from '../support/recording-logger'
import { startRecordingServer, type RecordingServer } from './support/recording-server'
import { requireKeychain } from '../support/keychain'
import { startTestCore, type TestCore } from '../support/test-core'

const accessToken = 'crego-access-token-of-the-contract-test'

let server: RecordingServer
let client: CregoClient

beforeAll(async () => {
  server = await startRecordingServer()
  server.respond((request) => {
    if (request.method === 'POST' && /^\/documents\/[^/]+\/shares\/$/.test(request.path)) {
      return { status: 201, json: documentedShare }
    }
    // The connection check of a new account: an empty page (the documented envelope).
    if (request.method === 'GET' && request.path === '/documents/') {
      return {
        json: {
          count: 0,
          total_pages: 0,
          current_page: 1,
          has_previous: false,
          has_next: false,
          previous_page: null,
          next_page: null,
          results: [],
        },
      }
    }
    // One document (assumed shape), for the link's title.
    const document = /^\/documents\/([^/]+)\/$/.exec(request.path)
    if (request.method === 'GET' && document) {
      return {
        json: {
          id: document[1],
          name: 'CMR FR/2026/02/23/2NTS',
          category: 'cmr',
          tags: ['FR/2026/02/23/2NTS'],
          status: 'approved',
          files: [],
          created_at: '2025-03-26T14:00:00.000000Z',
          updated_at: '2025-03-26T14:00:00.000000Z',
        },
      }
    }
    return undefined
  })
  const log = createRecordingLogger()
  client = createCregoClient({
    baseUrl: server.baseUrl,
    log,
    tokens: createCregoTokenManager({
      baseUrl: server.baseUrl,
      log,
      store: createMemoryTokenStore({ accessToken, accessTokenExpiresAt: null }),
    }),
  })
})
afterAll(async () => {
  await server.stop()
})

describe('the documented share request', () => {
  it('is sent exactly as documented', async () => {
    const before = server.requests.length
    await client.createShare(
      documentedShareRequest.documentId,
      documentedShareRequest.body.expires_at,
    )
    const [request] = server.requests.slice(before)
    expect(request).toMatchObject({
      method: 'POST',
      path: `/documents/${documentedShareRequest.documentId}/shares/`,
      rawQuery: '',
    })
    expect(request?.headers).toMatchObject({
      authorization: `Bearer ${accessToken}`,
      'content-type': 'application/json',
    })
    // The expiry exactly as given, offset and all.
    expect(request?.body).toBe(JSON.stringify(documentedShareRequest.body))
  })
})

describe('the documented share answer', () => {
  let app: TestCore
  let account: CregoAccount
  let read: DocumentShare

  beforeAll(async () => {
    read = await client.createShare(documentedShareRequest.documentId, '2030-01-01T00:00:00Z')
    app = (await requireKeychain(), startTestCore())
    account = (await app.call('accounts.add', {
      provider: 'crego',
      name: 'Crego (documentation)',
      environment: 'custom',
      baseUrl: server.baseUrl,
      credentials: { signInMethod: 'token', accessToken },
    })) as CregoAccount
  })
  afterAll(async () => {
    await app?.close()
  })

  /** Where each documented field lands, or why the app does not use it. */
  const accounting: Record<keyof typeof documentedShare, string> = {
    id: 'the link in the history: providerShareId, for extend and revoke',
    token: 'the public link: <share-link base>/shares/<token>/preview/',
    expires_at: 'the link expires (microseconds read)',
    created_at: 'the link was made (microseconds read)',
    updated_at: 'the share was last changed (read by the client)',
    document: 'the shared document (read by the client)',
    tenant_id: 'not used: the account is the tenant',
    created_by: 'not used: the history names the account',
    updated_by: 'not used (empty until someone changes the share)',
  }

  it('accounts for every documented field', () => {
    expect(Object.keys(accounting).sort()).toEqual(Object.keys(documentedShare).sort())
  })

  it('is read by the client, times with microseconds and the empty updated_by as documented', () => {
    expect(read).toEqual({
      provider: 'crego',
      providerId: documentedShare.id,
      documentId: documentedShare.document,
      url: `${server.baseUrl}/shares/${documentedShare.token}/preview/`,
      expiresAt: '2025-04-01T11:08:35.000Z',
      createdAt: '2025-03-26T14:20:38.277Z',
      updatedAt: '2025-03-26T14:20:38.278Z',
    })
  })

  it('is stored in the share history through the channel', async () => {
    const share = await app.call('shares.createDocumentLink', {
      accountId: account.id,
      documentId: documentedShare.document,
      expiresAt: '2030-01-01T00:00:00.000Z',
    })
    expect(share).toMatchObject({
      provider: 'crego',
      kind: 'document',
      providerShareId: documentedShare.id,
      url: `${server.baseUrl}/shares/${documentedShare.token}/preview/`,
      expiresAt: '2025-04-01T11:08:35.000Z',
      createdAt: '2025-03-26T14:20:38.277Z',
      document: { providerId: documentedShare.document, title: 'CMR FR/2026/02/23/2NTS' },
      // The documented example expired long ago: the history says so.
      state: 'expired',
    })
    const listed = await app.call('shares.list', { state: 'all', accountId: account.id })
    expect(listed.map((each) => each.id)).toEqual([share.id])
  })
})
