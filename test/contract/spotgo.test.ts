/**
 * SpotGo's documentation, held against the app: the documented example request of
 * `POST /api/v1/freights/share` is sent by the client exactly as documented, checked on a
 * recording server; the documented example answer goes through client -> map -> the share
 * history (the `shares.createFreightLink`, `shares.list` and `shares.copy` channels), with both
 * of its fields accounted for and the link kept exactly as sent (its token stays URL-encoded).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SpotGoAccount } from '@shared/domain/account'
import { createRateLimiter } from '../../electron/main/providers/rate-limiter'
import { createSpotGoClient } from '../../electron/main/providers/spotgo/client'
import {
  documentedShareAnswer,
  documentedShareRequest,
} from '../../electron/main/simulators/spotgo/documented-examples'
import { makeFreight } from '../support/freight-factory'
import { createRecordingLogger } from '../support/recording-logger'
import { startRecordingServer, type RecordingServer } from './support/recording-server'
import { requireKeychain } from '../support/keychain'
import { startTestCore, type TestCore } from '../support/test-core'

const apiKey = 'sg_contract-test-key'
const sharePath = '/api/v1/freights/share'

let server: RecordingServer

beforeAll(async () => {
  server = await startRecordingServer()
  server.respond((request) => {
    if (request.method === 'POST' && request.path === sharePath) {
      return { json: documentedShareAnswer }
    }
    // The connection check of a new account (assumed shape: an empty page).
    if (request.method === 'GET' && request.path === '/api/v1/freights') {
      return { json: { items: [], totalCount: 0, page: 1, pageSize: 1 } }
    }
    return undefined
  })
})
afterAll(async () => {
  await server.stop()
})

describe('the documented share request', () => {
  it('is sent exactly as documented', async () => {
    const client = createSpotGoClient({
      baseUrl: server.baseUrl,
      apiKey,
      limiter: createRateLimiter({ limit: 100, windowMs: 60_000 }),
      log: createRecordingLogger(),
    })
    const before = server.requests.length
    const link = await client.share({
      freightIds: documentedShareRequest.freightIds,
      expiresIn: 2 * 3_600_000,
      ownerEmail: documentedShareRequest.ownerEmail,
    })
    const [request] = server.requests.slice(before)
    expect(request).toMatchObject({ method: 'POST', path: sharePath, rawQuery: '' })
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json',
      'x-api-key': apiKey,
      'x-api-version': '1.0',
    })
    // The body, key for key and in the documented order.
    expect(request?.body).toBe(JSON.stringify(documentedShareRequest))
    expect(link).toEqual({
      url: documentedShareAnswer.url,
      validUntil: documentedShareAnswer.validUntil,
    })
  })
})

describe('the documented share answer', () => {
  let app: TestCore
  let account: SpotGoAccount
  let freightId: number

  beforeAll(async () => {
    app = (await requireKeychain(), startTestCore())
    account = (await app.call('accounts.add', {
      provider: 'spotgo',
      name: 'SpotGo (documentation)',
      environment: 'custom',
      baseUrl: server.baseUrl,
      ownerEmail: documentedShareRequest.ownerEmail,
      apiKey,
    })) as SpotGoAccount
    // The freight the documented request names, as a sync would have cached it.
    const [providerId] = documentedShareRequest.freightIds
    app.core.cache.freights.upsertBatch(account.id, 'contract', [
      makeFreight({ provider: 'spotgo', providerId, reference: null }),
    ])
    freightId = (
      await app.call('freights.query', { accountIds: [account.id], columns: ['providerId'] })
    ).rows[0]!.id
  })
  afterAll(async () => {
    await app?.close()
  })

  it('is stored in the share history with both documented fields, the link exactly as sent', async () => {
    const before = server.requests.length
    const share = await app.call('shares.createFreightLink', {
      accountId: account.id,
      freightIds: [freightId],
      expiry: { kind: 'preset', preset: '2h' },
      ownerEmail: documentedShareRequest.ownerEmail,
    })
    // What the dialog sent: the documented request for a two-hour link.
    const [request] = server.requests.slice(before).filter((each) => each.path === sharePath)
    expect(JSON.parse(request?.body ?? '')).toEqual(documentedShareRequest)

    // url: the link a recipient opens (on the app host, its token still URL-encoded).
    expect(share.url).toBe(documentedShareAnswer.url)
    expect(share.url).toContain('uLF15iy%2BFGPUA0lX4mcGuA%3D%3D')
    // validUntil: when the link stops working.
    expect(share.expiresAt).toBe(documentedShareAnswer.validUntil)
    expect(share.freights).toEqual([
      {
        freightId,
        providerId: documentedShareRequest.freightIds[0],
        reference: expect.any(String) as string,
      },
    ])
    expect(Object.keys(documentedShareAnswer).sort()).toEqual(['url', 'validUntil'])

    const listed = await app.call('shares.list', { state: 'all', accountId: account.id })
    expect(listed.map((each) => [each.id, each.url, each.expiresAt])).toEqual([
      [share.id, documentedShareAnswer.url, documentedShareAnswer.validUntil],
    ])
    const copied = await app.call('shares.copy', { shareId: share.id })
    expect(copied).toEqual({ copied: true, url: documentedShareAnswer.url })
    expect(app.clipboard.at(-1)?.text).toBe(documentedShareAnswer.url)
  })
})
