/**
 * The simulators held to the providers' documentation, not to the app's clients: everything they
 * serve has the documented shapes (written independently in test/support/documented-shapes.ts), a
 * share of it carries the variety the documentation shows, the documented example answers are
 * served literally when asked for, and no simulator file imports anything from the clients.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type z } from 'zod'
import { startSimulators } from '../../../electron/main/simulators'
import { startCregoSimulator } from '../../../electron/main/simulators/crego/server'
import {
  documentedShare,
  documentedShareRequest as cregoShareRequest,
} from '../../../electron/main/simulators/crego/documented-examples'
import {
  documentedShareAnswer,
  documentedShareRequest,
} from '../../../electron/main/simulators/spotgo/documented-examples'
import { startSpotGoSimulator } from '../../../electron/main/simulators/spotgo/server'
import {
  documentedFreights,
  documentedModifierProblem,
} from '../../../electron/main/simulators/transeu/documented-examples'
import {
  startTranseuSimulator,
  type TranseuSimulator,
} from '../../../electron/main/simulators/transeu/server'
import {
  cregoDocumented,
  spotGoDocumented,
  transeuDocumented,
} from '../../support/documented-shapes'
import { dataCall, signIn } from '../../support/transeu-sign-in'

const now = '2026-03-02T09:00:00Z'
const sandboxDir = path.resolve(__dirname, '../../../electron/main/simulators')

describe('the transcribed documented examples', () => {
  it('have the documented shapes', () => {
    for (const freight of documentedFreights)
      expect(transeuDocumented.listItem.parse(freight)).toEqual(freight)
    expect(transeuDocumented.problem.parse(documentedModifierProblem)).toEqual(
      documentedModifierProblem,
    )
    expect(spotGoDocumented.shareAnswer.parse(documentedShareAnswer)).toEqual(documentedShareAnswer)
    expect(cregoDocumented.share.parse(documentedShare)).toEqual(documentedShare)
  })
})

describe('the simulators stand on their own', () => {
  it('import nothing from the clients', () => {
    const files: string[] = []
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name)
        if (statSync(full).isDirectory()) walk(full)
        else if (name.endsWith('.ts')) files.push(full)
      }
    }
    walk(sandboxDir)
    expect(files.length).toBeGreaterThan(30)
    for (const file of files) {
      const source = readFileSync(file, 'utf8')
      expect(source, path.relative(sandboxDir, file)).not.toMatch(/from '(\.\.\/)+providers\//)
    }
  })
})

describe('Trans.eu', () => {
  let sim: TranseuSimulator
  let token: string
  const lists = {
    freights: '/ext/freights-api/v1/freights',
    accepted: '/ext/freights-api/v1/accepted',
    archive: '/ext/freights-api/v1/archive',
  }

  beforeAll(async () => {
    sim = await startTranseuSimulator({
      seed: 14,
      now,
      freights: 300,
      rateLimits: {
        data: { limit: 10_000, windowMs: 1000 },
        token: { limit: 100, windowMs: 1000 },
      },
    })
    token = (await signIn(sim)).access_token
  })
  afterAll(async () => {
    await sim.stop()
  })

  async function everything() {
    const items: Array<z.infer<typeof transeuDocumented.listItem>> = []
    for (const [name, listPath] of Object.entries(lists)) {
      const shape = name === 'archive' ? transeuDocumented.archiveItem : transeuDocumented.listItem
      for (let page = 1; ; page++) {
        const body: unknown = await (await dataCall(sim, `${listPath}?page=${page}`, token)).json()
        const read = transeuDocumented.page(shape).parse(body) as typeof items
        items.push(...read)
        if (read.length < 30) break
      }
    }
    return items
  }

  it('serves the documented shape, with the variety the documentation shows', async () => {
    const items = await everything()
    expect(items).toHaveLength(300)
    const share = (test: (item: (typeof items)[number]) => boolean) =>
      items.filter(test).length / items.length
    const withOffset = /[+-]\d{2}:\d{2}$/
    // Times with the place's offset (as in the example) and in UTC.
    expect(share((item) => withOffset.test(item.loading.timespans.begin))).toBeGreaterThan(0.1)
    expect(share((item) => item.loading.timespans.begin.endsWith('Z'))).toBeGreaterThan(0.1)
    expect(share((item) => withOffset.test(item.loading.timespans.begin_local))).toBeGreaterThan(
      0.1,
    )
    expect(share((item) => !withOffset.test(item.loading.timespans.begin_local))).toBeGreaterThan(
      0.1,
    )
    // Keys present in some freights and missing from others.
    const transport = (item: (typeof items)[number]) => item.requirements.transport
    expect(share((item) => !('remaining' in transport(item)))).toBeGreaterThan(0.1)
    expect(share((item) => 'remaining' in transport(item))).toBeGreaterThan(0.1)
    const published = items.filter((item) => item.publication !== null)
    expect(published.some((item) => !('private_exchanges' in item.publication!.receivers))).toBe(
      true,
    )
    expect(published.some((item) => 'private_exchanges' in item.publication!.receivers)).toBe(true)
    // Nulls where the example has them.
    expect(published.some((item) => item.publication!.received_offers === null)).toBe(true)
    expect(published.some((item) => item.publication!.smart_match_offers === null)).toBe(true)
    expect(published.some((item) => item.publication!.refresh_from === null)).toBe(true)
    expect(published.some((item) => item.publication!.end_reason === null)).toBe(true)
    expect(
      items.some((item) => item.temperature.min === null && item.temperature.max === null),
    ).toBe(true)
    expect(items.some((item) => item.transit_time === null)).toBe(true)
    expect(items.some((item) => item.length === null && item.volume === null)).toBe(true)
    expect(items.some((item) => transport(item).count === null)).toBe(true)
    expect(items.some((item) => transport(item).settlement_basis === null)).toBe(true)
    // Exchanges by UUID string and sent_to as booleans are in the shape itself.
    expect(
      published.some((item) => item.publication!.receivers.corporate_exchanges.length > 0),
    ).toBe(true)
  })

  it('serves the documented example answer literally when asked to', async () => {
    sim.faults.set({ documentedExamples: true })
    try {
      const plain = await dataCall(sim, lists.freights, token)
      expect(await plain.json()).toEqual(documentedFreights)
      const selected = await dataCall(
        sim,
        `${lists.freights}?fields=${encodeURIComponent('{"id":true,"shipment_external_id":true,"loading":true}')}`,
        token,
      )
      expect(await selected.json()).toEqual(
        documentedFreights.map(({ id, shipment_external_id, loading }) => ({
          id,
          shipment_external_id,
          loading,
        })),
      )
      const withoutPublication = await dataCall(
        sim,
        `${lists.freights}?fields=${encodeURIComponent('{"publication":false}')}`,
        token,
      )
      expect(await withoutPublication.json()).toEqual(
        documentedFreights.map(({ publication: _dropped, ...rest }) => rest),
      )
      expect(await (await dataCall(sim, `${lists.freights}?page=2`, token)).json()).toEqual([])
      const one = await dataCall(sim, `${lists.freights}/${documentedFreights[1]!.id}`, token)
      expect(await one.json()).toEqual(documentedFreights[1])
      // The documented error comes from the modifiers' own rules.
      const refused = await dataCall(sim, `${lists.freights}?sortBy=weight`, token)
      expect(refused.status).toBe(422)
      expect(await refused.json()).toMatchObject({
        ...documentedModifierProblem,
        validation_messages: { sortBy: { notInArray: expect.any(String) as string } },
      })
    } finally {
      sim.faults.set({ documentedExamples: false })
    }
  })
})

describe('SpotGo', () => {
  it('serves the assumed freight shape, with exchange ids and coordinates in every known form', async () => {
    const sim = await startSpotGoSimulator({ seed: 15, now, freights: 200 })
    try {
      const body: unknown = await (
        await fetch(`${sim.baseUrl}/api/v1/freights?pageSize=100&page=1`, {
          headers: { 'x-api-key': sim.credentials.apiKey },
        })
      ).json()
      const { items } = spotGoDocumented.page.parse(body)
      const coordinates = items.flatMap((item) =>
        item.locations.map((location) => location.address.coordinates),
      )
      expect(items.some((item) => item.sources.some((id) => typeof id === 'number'))).toBe(true)
      expect(items.some((item) => item.sources.every((id) => typeof id === 'string'))).toBe(true)
      expect(coordinates.some((each) => each && 'lattitude' in each)).toBe(true)
      expect(coordinates.some((each) => each && 'latitude' in each)).toBe(true)
      expect(coordinates.some((each) => each === null)).toBe(true)
    } finally {
      await sim.stop()
    }
  })

  it('answers the documented share request with the documented example when asked to', async () => {
    const sim = await startSpotGoSimulator({ seed: 15, now, freights: 2, documentedExamples: true })
    try {
      const response = await fetch(`${sim.baseUrl}/api/v1/freights/share`, {
        method: 'POST',
        headers: { 'x-api-key': sim.credentials.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify(documentedShareRequest),
      })
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual(documentedShareAnswer)
    } finally {
      await sim.stop()
    }
  })

  it('makes links of the documented form, whose public page answers there', async () => {
    const sim = await startSpotGoSimulator({ seed: 15, now, freights: 2 })
    try {
      const [id] = [...sim.state.freights.keys()]
      const response = await fetch(`${sim.baseUrl}/api/v1/freights/share`, {
        method: 'POST',
        headers: { 'x-api-key': sim.credentials.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({ ...documentedShareRequest, freightIds: [id] }),
      })
      const link = spotGoDocumented.shareAnswer.parse(await response.json())
      expect(link.url.startsWith(`${sim.baseUrl}/public/freights?token=`)).toBe(true)
      // doc: the token is base64 of "<share id>.<created>.<valid until>", then a signature.
      const token = new URL(link.url).searchParams.get('token')!
      const [payload] = token.split('.')
      expect(Buffer.from(payload!, 'base64').toString()).toMatch(
        /^[0-9a-f-]{36}\.03\/02\/2026 09:00:00 \+00:00\.03\/02\/2026 11:00:00 \+00:00$/,
      )
      expect((await fetch(link.url)).status).toBe(200)
    } finally {
      await sim.stop()
    }
  })
})

describe('Crego', () => {
  it('writes shares and documents as documented: microsecond times, updated_by empty at first', async () => {
    const sim = await startCregoSimulator({ seed: 16, now, documents: 10 })
    try {
      const headers = {
        authorization: `Bearer ${sim.credentials.apiToken}`,
        'content-type': 'application/json',
      }
      const page = cregoDocumented
        .page(cregoDocumented.document)
        .parse(await (await fetch(`${sim.baseUrl}/documents/`, { headers })).json())
      const [document] = page.results as Array<{ id: string }>
      const created = await fetch(`${sim.baseUrl}/documents/${document!.id}/shares/`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ expires_at: '2026-03-09T09:00:00+00:00' }),
      })
      expect(created.status).toBe(201)
      const share = cregoDocumented.share.parse(await created.json())
      expect(share).toMatchObject({
        updated_by: '',
        created_at: '2026-03-02T09:00:00.000000Z',
        expires_at: '2026-03-09T09:00:00.000000Z',
      })
    } finally {
      await sim.stop()
    }
  })

  it('answers the documented share request with the documented example when asked to', async () => {
    const sim = await startCregoSimulator({ seed: 16, now, documents: 2, documentedExamples: true })
    try {
      const response = await fetch(
        `${sim.baseUrl}/documents/${cregoShareRequest.documentId}/shares/`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${sim.credentials.apiToken}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify(cregoShareRequest.body),
        },
      )
      expect(response.status).toBe(201)
      expect(await response.json()).toEqual(documentedShare)
    } finally {
      await sim.stop()
    }
  })
})

describe('all three at once', () => {
  it('serve the documented examples when asked to', async () => {
    const sims = await startSimulators({
      seed: 17,
      now,
      spotgoFreights: 2,
      transeuFreights: 2,
      documents: 2,
      documentedExamples: true,
    })
    try {
      expect(sims.spotgo.faults.settings.documentedExamples).toBe(true)
      expect(sims.crego.faults.settings.documentedExamples).toBe(true)
      const token = (await signIn(sims.transeu)).access_token
      const answer = await dataCall(sims.transeu, '/ext/freights-api/v1/freights', token)
      expect(await answer.json()).toEqual(documentedFreights)
    } finally {
      await sims.stop()
    }
  })
})
