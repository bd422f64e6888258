/**
 * The SpotGo simulator's share links over HTTP, as the documentation describes them.
 */
import { describe, expect, it } from 'vitest'
import { spotGoDocumented } from '../../support/documented-shapes'
import { problemOf, useSpotGoCalls } from '../../support/spotgo-calls'

const SpotGoFreightPage = spotGoDocumented.page
const SpotGoShareResponse = spotGoDocumented.shareAnswer
const { ctx, call } = useSpotGoCalls()

describe('share links', () => {
  async function share(body: object) {
    return call('/api/v1/freights/share', { method: 'POST', body: JSON.stringify(body) })
  }

  it('serves a read-only page of the shared freights until validUntil, then 410', async () => {
    const freights = SpotGoFreightPage.parse(await (await call('/api/v1/freights')).json()).items
    const [a, b] = freights
    const response = await share({
      freightIds: [a!.id, b!.id],
      urlExpirationTime: '02:00:00',
      ownerEmail: ctx.sim.credentials.ownerEmail,
    })
    expect(response.status).toBe(200)
    const link = SpotGoShareResponse.parse(await response.json())
    // doc: the link is `<app host>/public/freights?token=<token>`, the token URL-encoded.
    expect(link.url.startsWith(`${ctx.sim.baseUrl}/public/freights?token=`)).toBe(true)
    const token = new URL(link.url).searchParams.get('token')!
    expect(ctx.sim.state.shares.has(token)).toBe(true)
    expect(link.validUntil).toBe('2026-03-02T11:00:00.000Z')

    const page = await fetch(link.url)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    const html = await page.text()
    for (const freight of [a!, b!]) {
      expect(html).toContain(freight.externalNumber)
      expect(html).toContain(freight.locations[0]!.address.city)
      expect(html).toContain(freight.locations[1]!.address.city)
    }
    expect(html).not.toContain('<script')

    ctx.sim.clock.advance(2 * 3_600_000 - 1000)
    expect((await fetch(link.url)).status).toBe(200)
    ctx.sim.clock.advance(1000)
    const expired = await fetch(link.url)
    expect(expired.status).toBe(410)
    expect(await expired.text()).toMatch(/expired/)
  })

  it('takes days in the TimeSpan and marks a withdrawn freight on the page', async () => {
    const [a, b] = [...ctx.sim.state.freights.keys()]
    const link = SpotGoShareResponse.parse(
      await (
        await share({
          freightIds: [a, b],
          urlExpirationTime: '3.00:00:00',
          ownerEmail: 'a@b.example',
        })
      ).json(),
    )
    expect(link.validUntil).toBe('2026-03-05T09:00:00.000Z')
    await call(`/api/v1/freights/${b}`, { method: 'DELETE' })
    expect(await (await fetch(link.url)).text()).toMatch(/withdrawn/)
  })

  it.each([
    [{ freightIds: [], urlExpirationTime: '01:00:00', ownerEmail: 'a@b.example' }, 'freightIds'],
    [
      { freightIds: ['x'], urlExpirationTime: '1 hour', ownerEmail: 'a@b.example' },
      'urlExpirationTime',
    ],
    [
      { freightIds: ['x'], urlExpirationTime: '31.00:00:00', ownerEmail: 'a@b.example' },
      'urlExpirationTime',
    ],
    [
      { freightIds: ['x'], urlExpirationTime: '00:00:00', ownerEmail: 'a@b.example' },
      'urlExpirationTime',
    ],
    [
      { freightIds: ['x'], urlExpirationTime: '01:00:00', ownerEmail: 'not-an-email' },
      'ownerEmail',
    ],
  ])('refuses an invalid share request %j with a message on %s', async (body, field) => {
    const known = [...ctx.sim.state.freights.keys()][0]!
    const request = { ...body, freightIds: body.freightIds.map(() => known) }
    const response = await share(request)
    expect(response.status).toBe(400)
    expect((await problemOf(response)).errors?.[field]?.length).toBeGreaterThan(0)
  })

  it('refuses unknown freight ids by position, and 404s an unknown link', async () => {
    const known = [...ctx.sim.state.freights.keys()][0]!
    const response = await share({
      freightIds: [known, 'missing'],
      urlExpirationTime: '01:00:00',
      ownerEmail: 'a@b.example',
    })
    expect(response.status).toBe(400)
    expect((await problemOf(response)).errors?.['freightIds[1]']?.[0]).toMatch(/missing/)
    expect(ctx.sim.state.shares.size).toBe(0)
    expect((await fetch(`${ctx.sim.baseUrl}/public/freights?token=no-such-token`)).status).toBe(404)
  })
})
