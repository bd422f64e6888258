import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { startSimulators, type Simulators } from '../../../electron/main/simulators'
import {
  cregoDocumented,
  spotGoDocumented,
  transeuDocumented,
} from '../../support/documented-shapes'
import { dataCall, signIn } from '../../support/transeu-sign-in'

let sims: Simulators | undefined
afterEach(async () => {
  await sims?.stop()
  sims = undefined
})

const options = {
  seed: 4,
  now: '2026-03-02T09:00:00Z',
  spotgoFreights: 15,
  transeuFreights: 30,
  documents: 20,
}

async function freePort(): Promise<number> {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('startSimulators', () => {
  it('serves one scenario: Crego documents name freights the other two simulators serve', async () => {
    sims = await startSimulators(options)
    const { spotgo, transeu, crego } = sims
    const documents = cregoDocumented.page(cregoDocumented.document).parse(
      await (
        await fetch(`${crego.baseUrl}/documents/?page_size=100`, {
          headers: { authorization: `Bearer ${crego.credentials.apiToken}` },
        })
      ).json(),
    ).results as Array<{ tags: string[] }>
    expect(documents).toHaveLength(20)
    const token = (await signIn(transeu)).access_token
    for (const document of documents.slice(0, 6)) {
      const [reference, , provider] = document.tags
      if (provider === 'spotgo') {
        const freight = [...spotgo.state.freights.values()].find(
          (item) => item.externalNumber === reference,
        )!
        const served = await fetch(`${spotgo.baseUrl}/api/v1/freights/${freight.id}`, {
          headers: { 'x-api-key': spotgo.credentials.apiKey },
        })
        expect(spotGoDocumented.freight.parse(await served.json()).externalNumber).toBe(reference)
      } else {
        const freight = [...transeu.state.freights.freights.values()].find(
          (item) => item.reference_number === reference,
        )!
        const served = await dataCall(transeu, `/ext/freights-api/v1/freights/${freight.id}`, token)
        expect(transeuDocumented.detail.parse(await served.json()).reference_number).toBe(reference)
      }
    }
  })

  it('shares one clock between the three', async () => {
    sims = await startSimulators(options)
    sims.clock.advance(60_000)
    const expected = Date.parse('2026-03-02T09:01:00Z')
    expect([sims.spotgo.clock.now(), sims.transeu.clock.now(), sims.crego.clock.now()]).toEqual([
      expected,
      expected,
      expected,
    ])
  })

  it('comes back on the same ports after a restart', async () => {
    const ports = { spotgo: await freePort(), transeu: await freePort(), crego: await freePort() }
    sims = await startSimulators({ ...options, ports })
    expect(sims.spotgo.baseUrl).toBe(`http://127.0.0.1:${ports.spotgo}`)
    await sims.stop()
    sims = await startSimulators({ ...options, ports })
    expect([sims.spotgo.port, sims.transeu.port, sims.crego.port]).toEqual([
      ports.spotgo,
      ports.transeu,
      ports.crego,
    ])
    expect(
      (
        await fetch(`${sims.spotgo.baseUrl}/api/v1/freights`, {
          headers: { 'x-api-key': sims.spotgo.credentials.apiKey },
        })
      ).status,
    ).toBe(200)
  })

  it('stops the ones it started when a port is taken', async () => {
    const taken = http.createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    const spotgoPort = await freePort()
    try {
      await expect(
        startSimulators({
          ...options,
          ports: { spotgo: spotgoPort, transeu: (taken.address() as AddressInfo).port },
        }),
      ).rejects.toThrow(/EADDRINUSE/)
      await expect(fetch(`http://127.0.0.1:${spotgoPort}/api/v1/freights`)).rejects.toThrow()
    } finally {
      await new Promise((resolve) => taken.close(resolve))
    }
  })
})
