import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import {
  startCregoSimulator,
  type CregoSimulator,
} from '../../../electron/main/simulators/crego/server'
import {
  cregoDocumented,
  cregoDocumentedAuth,
  documentedErrors,
} from '../../support/documented-shapes'

const now = '2026-03-02T09:00:00Z'
const CregoDocument = cregoDocumented.document
const CregoShare = cregoDocumented.share
const CregoFile = cregoDocumentedAuth.file
const CregoFieldErrors = cregoDocumentedAuth.fieldErrors
const CregoErrorDetail = documentedErrors.cregoDetail
const CregoLoginResponse = cregoDocumentedAuth.login
const CregoRefreshResponse = cregoDocumentedAuth.refresh
type Page<Item> = { count: number; total_pages: number; results: Item[] }
const DocumentPage = {
  parse: (body: unknown) =>
    cregoDocumented.page(CregoDocument).parse(body) as Page<z.infer<typeof CregoDocument>>,
}
const SharePage = {
  parse: (body: unknown) =>
    cregoDocumented.page(CregoShare).parse(body) as Page<z.infer<typeof CregoShare>>,
}
let sim: CregoSimulator
let token: string

beforeEach(async () => {
  sim = await startCregoSimulator({ seed: 5, now, documents: 45 })
  token = (await login()).access
})
afterEach(async () => {
  await sim.stop()
})

async function login(fields: Record<string, unknown> = {}) {
  const response = await post('/api/auth/login/', {
    username: sim.credentials.username,
    password: sim.credentials.password,
    type: 'staff',
    ...fields,
  })
  return CregoLoginResponse.parse(await response.json())
}

function post(path: string, body: unknown, init: RequestInit = {}) {
  return call(path, { method: 'POST', body: JSON.stringify(body), ...init }, null)
}

function call(path: string, init: RequestInit = {}, bearer: string | null = token) {
  const headers = new Headers(init.headers)
  if (bearer !== null) headers.set('authorization', `Bearer ${bearer}`)
  if (typeof init.body === 'string' && !headers.has('content-type')) {
    headers.set('content-type', 'application/json')
  }
  return fetch(`${sim.baseUrl}${path}`, { redirect: 'manual', ...init, headers })
}

async function documents(query = '') {
  const response = await call(`/documents/${query}`)
  expect(response.status).toBe(200)
  return DocumentPage.parse(await response.json())
}

async function createShare(documentId: string, expiresAt: string) {
  return call(`/documents/${documentId}/shares/`, {
    method: 'POST',
    body: JSON.stringify({ expires_at: expiresAt }),
  })
}

describe('staff login and tokens', () => {
  it('signs in with username and password and answers tokens that live 900 s', async () => {
    const session = await login()
    expect(session).toMatchObject({ expires_in: 900, token_type: 'Bearer' })
    expect(session.user.username).toBe(sim.credentials.username)
    expect(session.access).not.toBe(session.refresh)
  })

  it('refuses wrong credentials (401), missing fields and another type (400), other media (415)', async () => {
    const wrong = await post('/api/auth/login/', {
      username: sim.credentials.username,
      password: 'wrong',
      type: 'staff',
    })
    expect(wrong.status).toBe(401)
    expect(CregoErrorDetail.parse(await wrong.json()).detail).toMatch(/No active account/)
    const missing = await post('/api/auth/login/', { type: 'staff' })
    expect(missing.status).toBe(400)
    const fields = CregoFieldErrors.parse(await missing.json())
    expect(fields.username?.[0]).toMatch(/required/)
    expect(fields.password?.[0]).toMatch(/required/)
    const customer = await post('/api/auth/login/', {
      username: sim.credentials.username,
      password: sim.credentials.password,
      type: 'customer',
    })
    expect(customer.status).toBe(400)
    expect(CregoFieldErrors.parse(await customer.json()).type).toBeTruthy()
    const form = await call(
      '/api/auth/login/',
      {
        method: 'POST',
        body: 'username=a',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      null,
    )
    expect(form.status).toBe(415)
    const broken = await call('/api/auth/login/', { method: 'POST', body: '{"username":' }, null)
    expect(broken.status).toBe(400)
  })

  it('answers 401 without a token and with an unknown one', async () => {
    const without = await call('/documents/', {}, null)
    expect(without.status).toBe(401)
    expect(CregoErrorDetail.parse(await without.json()).detail).toBe(
      'Authentication credentials were not provided.',
    )
    const unknown = await call('/documents/', {}, 'not-a-token')
    expect(unknown.status).toBe(401)
    expect(CregoErrorDetail.parse(await unknown.json()).code).toBe('token_not_valid')
  })

  it('expires access tokens after 900 s and rotates refresh tokens, refusing a reused one', async () => {
    const session = await login()
    sim.clock.advance(899_999)
    expect((await call('/documents/', {}, session.access)).status).toBe(200)
    sim.clock.advance(1)
    expect((await call('/documents/', {}, session.access)).status).toBe(401)
    const refreshed = await post('/api/auth/tokens/refresh/', { refresh: session.refresh })
    expect(refreshed.status).toBe(200)
    const next = CregoRefreshResponse.parse(await refreshed.json())
    expect(next.refresh).not.toBe(session.refresh)
    expect((await call('/documents/', {}, next.access)).status).toBe(200)
    const reused = await post('/api/auth/tokens/refresh/', { refresh: session.refresh })
    expect(reused.status).toBe(401)
    expect(CregoErrorDetail.parse(await reused.json()).code).toBe('token_not_valid')
    const missing = await post('/api/auth/tokens/refresh/', {})
    expect(missing.status).toBe(400)
    expect(CregoFieldErrors.parse(await missing.json()).refresh).toBeTruthy()
  })

  it('lets refresh tokens live one day', async () => {
    const session = await login()
    sim.clock.advance(86_400_000)
    expect((await post('/api/auth/tokens/refresh/', { refresh: session.refresh })).status).toBe(401)
  })

  it('accepts the long-lived pasted token; expireTokens and revokeRefreshTokens break what they name', async () => {
    sim.clock.advance(30 * 86_400_000)
    expect((await call('/documents/', {}, sim.credentials.apiToken)).status).toBe(200)
    const session = await login()
    sim.faults.expireTokens()
    expect((await call('/documents/', {}, sim.credentials.apiToken)).status).toBe(401)
    expect((await call('/documents/', {}, session.access)).status).toBe(401)
    const renewed = CregoRefreshResponse.parse(
      await (await post('/api/auth/tokens/refresh/', { refresh: session.refresh })).json(),
    )
    expect((await call('/documents/', {}, renewed.access)).status).toBe(200)
    sim.faults.revokeRefreshTokens()
    expect((await post('/api/auth/tokens/refresh/', { refresh: renewed.refresh })).status).toBe(401)
  })
})

describe('documents', () => {
  it('pages newest first in the envelope', async () => {
    const first = await documents()
    expect(first).toMatchObject({
      count: 45,
      total_pages: 3,
      current_page: 1,
      has_previous: false,
      has_next: true,
      previous_page: null,
      next_page: 2,
    })
    expect(first.results).toHaveLength(20)
    const last = await documents('?page=3')
    expect(last).toMatchObject({
      has_previous: true,
      has_next: false,
      previous_page: 2,
      next_page: null,
    })
    expect(last.results).toHaveLength(5)
    const everything = await documents('?page_size=100')
    expect(everything.results).toHaveLength(45)
    const created = everything.results.map((document) => document.created_at)
    expect(created).toEqual([...created].sort().reverse())
    expect((await documents('?page_size=500')).results).toHaveLength(45)
    expect((await documents('?page_size=abc')).results).toHaveLength(20)
  })

  it('answers 404 "Invalid page." past the last page and for a page that is not a number', async () => {
    for (const query of ['?page=4', '?page=0', '?page=abc']) {
      const response = await call(`/documents/${query}`)
      expect(response.status).toBe(404)
      expect(CregoErrorDetail.parse(await response.json()).detail).toBe('Invalid page.')
    }
  })

  it('filters by category, status, tags and search', async () => {
    const all = (await documents('?page_size=100')).results
    const cmr = (await documents('?category=cmr&page_size=100')).results
    expect(cmr.length).toBe(all.filter((document) => document.category === 'cmr').length)
    expect(cmr.length).toBeGreaterThan(0)
    const approved = (await documents('?status=approved&page_size=100')).results
    expect(approved.length).toBe(all.filter((document) => document.status === 'approved').length)
    const reference = all[0]!.tags[0]!
    const tagged = (await documents(`?tags=${encodeURIComponent(reference)}&page_size=100`)).results
    expect(tagged.length).toBeGreaterThan(0)
    expect(
      tagged.every(
        (document) => document.tags.includes(reference) && document.name.includes(reference),
      ),
    ).toBe(true)
    const both = (await documents(`?tags=${encodeURIComponent(`${reference},cmr`)}`)).results
    expect(both.every((document) => document.category === 'cmr')).toBe(true)
    const searched = (
      await documents(`?search=${encodeURIComponent(reference.slice(-5).toLowerCase())}`)
    ).results
    expect(searched.map((document) => document.id)).toContain(all[0]!.id)
    for (const query of ['?category=letters', '?status=lost']) {
      const refused = await call(`/documents/${query}`)
      expect(refused.status).toBe(400)
      expect(Object.values(CregoFieldErrors.parse(await refused.json()))[0]![0]).toMatch(
        /valid choice/,
      )
    }
  })

  it('gets one document, and 404 "Not found." for an unknown id', async () => {
    const [first] = (await documents()).results
    const one = await call(`/documents/${first!.id}/`)
    expect(CregoDocument.parse(await one.json())).toEqual(first)
    const missing = await call('/documents/01ARZ3NDEKTSV4RRFFQ69G5FAV/')
    expect(missing.status).toBe(404)
    expect(CregoErrorDetail.parse(await missing.json()).detail).toBe('Not found.')
  })

  it('creates, changes and removes a document', async () => {
    const created = await call('/documents/', {
      method: 'POST',
      body: JSON.stringify({ name: 'CMR TEST/1', category: 'cmr', tags: ['TEST/1'] }),
    })
    expect(created.status).toBe(201)
    const document = CregoDocument.parse(await created.json())
    expect(document).toMatchObject({
      status: 'pending',
      files: [],
      created_at: '2026-03-02T09:00:00.000000Z',
    })
    expect((await documents()).results[0]!.id).toBe(document.id)

    sim.clock.advance(60_000)
    const patched = await call(`/documents/${document.id}/`, {
      method: 'PATCH',
      body: JSON.stringify({ status: 'approved', name: 'CMR TEST/1 (signed)' }),
    })
    expect(patched.status).toBe(200)
    expect(CregoDocument.parse(await patched.json())).toMatchObject({
      status: 'approved',
      name: 'CMR TEST/1 (signed)',
      category: 'cmr',
      updated_at: '2026-03-02T09:01:00.000000Z',
    })

    expect((await call(`/documents/${document.id}/`, { method: 'DELETE' })).status).toBe(204)
    expect((await call(`/documents/${document.id}/`)).status).toBe(404)
    expect((await documents()).count).toBe(45)
  })

  it('refuses invalid documents with per-field messages', async () => {
    const noName = await call('/documents/', {
      method: 'POST',
      body: JSON.stringify({ category: 'cmr' }),
    })
    expect(noName.status).toBe(400)
    expect(CregoFieldErrors.parse(await noName.json()).name?.[0]).toMatch(/required/)
    const badCategory = await call('/documents/', {
      method: 'POST',
      body: JSON.stringify({ name: 'x', category: 'letters' }),
    })
    expect(CregoFieldErrors.parse(await badCategory.json()).category).toBeTruthy()
    const [first] = (await documents()).results
    const badStatus = await call(`/documents/${first!.id}/`, {
      method: 'PATCH',
      body: JSON.stringify({ status: 'lost' }),
    })
    expect(badStatus.status).toBe(400)
    expect(CregoFieldErrors.parse(await badStatus.json()).status).toBeTruthy()
  })

  it('downloads a document file: a real PDF of the size the document states', async () => {
    const [first] = (await documents()).results
    const file = first!.files[0]!
    const response = await call(`/documents/${first!.id}/files/${file.id}/`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${file.name}"`)
    const bytes = Buffer.from(await response.arrayBuffer())
    expect(bytes.length).toBe(file.size)
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(bytes.subarray(-6).toString('latin1')).toBe('%%EOF\n')
    expect((await call(`/documents/${first!.id}/files/01ARZ3NDEKTSV4RRFFQ69G5FAV/`)).status).toBe(
      404,
    )
  })

  it('uploads a file as multipart and serves the same bytes back', async () => {
    const [first] = (await documents()).results
    const bytes = Buffer.from('%PDF-1.4\n% uploaded scan\n%%EOF\n', 'latin1')
    const form = new FormData()
    form.set('file', new Blob([bytes], { type: 'application/pdf' }), 'scan.pdf')
    const uploaded = await call(`/documents/${first!.id}/files/`, { method: 'POST', body: form })
    expect(uploaded.status).toBe(201)
    const file = CregoFile.parse(await uploaded.json())
    expect(file).toMatchObject({
      name: 'scan.pdf',
      size: bytes.length,
      content_type: 'application/pdf',
    })
    const document = CregoDocument.parse(await (await call(`/documents/${first!.id}/`)).json())
    expect(document.files.map((item) => item.id)).toContain(file.id)
    const back = await call(`/documents/${first!.id}/files/${file.id}/`)
    expect(Buffer.from(await back.arrayBuffer())).toEqual(bytes)

    const empty = new FormData()
    empty.set('note', 'no file here')
    const noFile = await call(`/documents/${first!.id}/files/`, { method: 'POST', body: empty })
    expect(noFile.status).toBe(400)
    expect(CregoFieldErrors.parse(await noFile.json()).file?.[0]).toMatch(/No file/)
    const asJson = await call(`/documents/${first!.id}/files/`, { method: 'POST', body: '{}' })
    expect(asJson.status).toBe(415)
  })
})

describe('paths end with a slash', () => {
  it('redirects a GET without the slash and answers 404 to anything else without it', async () => {
    const redirected = await call('/documents?page=2')
    expect(redirected.status).toBe(301)
    expect(redirected.headers.get('location')).toBe('/documents/?page=2')
    const [first] = (await documents()).results
    for (const [method, path] of [
      ['POST', '/documents'],
      ['PATCH', `/documents/${first!.id}`],
      ['DELETE', `/documents/${first!.id}`],
      ['POST', `/documents/${first!.id}/shares`],
      ['POST', '/api/auth/login'],
    ] as const) {
      const response = await call(path, { method, body: method === 'DELETE' ? undefined : '{}' })
      expect(response.status, `${method} ${path}`).toBe(404)
      expect(response.headers.get('content-type')).toContain('text/html')
    }
    expect((await call(`/documents/${first!.id}/`)).status).toBe(200)
  })

  it('answers 405 for a method a known path does not have', async () => {
    const response = await call('/documents/', { method: 'PUT', body: '{}' })
    expect(response.status).toBe(405)
    expect(CregoErrorDetail.parse(await response.json()).detail).toMatch(/PUT/)
  })
})

describe('shares', () => {
  let documentId: string

  beforeEach(async () => {
    documentId = (await documents()).results[0]!.id
  })

  it('creates a share that expires in the future and lists, gets and changes it', async () => {
    const response = await createShare(documentId, '2026-03-09T09:00:00Z')
    expect(response.status).toBe(201)
    const share = CregoShare.parse(await response.json())
    expect(share).toMatchObject({
      document: documentId,
      expires_at: '2026-03-09T09:00:00.000000Z',
      created_at: '2026-03-02T09:00:00.000000Z',
      // doc: empty until someone changes the share.
      updated_by: '',
    })
    expect(share.token.length).toBeGreaterThanOrEqual(32)

    const one = await call(`/documents/${documentId}/shares/${share.id}/`)
    expect(CregoShare.parse(await one.json())).toEqual(share)
    sim.clock.advance(60_000)
    const changed = await call(`/documents/${documentId}/shares/${share.id}/`, {
      method: 'PATCH',
      body: JSON.stringify({ expires_at: '2026-03-20T00:00:00+01:00' }),
    })
    expect(changed.status).toBe(200)
    expect(CregoShare.parse(await changed.json())).toMatchObject({
      id: share.id,
      token: share.token,
      expires_at: '2026-03-19T23:00:00.000000Z',
      updated_at: '2026-03-02T09:01:00.000000Z',
      updated_by: share.created_by,
    })
  })

  it('refuses an expiry that is missing, malformed or not in the future', async () => {
    const missing = await call(`/documents/${documentId}/shares/`, { method: 'POST', body: '{}' })
    expect(missing.status).toBe(400)
    expect(CregoFieldErrors.parse(await missing.json()).expires_at?.[0]).toMatch(/required/)
    for (const expiresAt of ['next week', '2026-03-02T09:00:00Z', '2026-03-01T00:00:00Z']) {
      const refused = await createShare(documentId, expiresAt)
      expect(refused.status, expiresAt).toBe(400)
      expect(CregoFieldErrors.parse(await refused.json()).expires_at).toBeTruthy()
    }
    const share = CregoShare.parse(
      await (await createShare(documentId, '2026-03-03T00:00:00Z')).json(),
    )
    const pastPatch = await call(`/documents/${documentId}/shares/${share.id}/`, {
      method: 'PATCH',
      body: JSON.stringify({ expires_at: '2026-03-01T00:00:00Z' }),
    })
    expect(pastPatch.status).toBe(400)
    expect(sim.state.shares.get(share.id)?.expires_at).toBe('2026-03-03T00:00:00.000000Z')
    expect((await createShare('01ARZ3NDEKTSV4RRFFQ69G5FAV', '2026-03-03T00:00:00Z')).status).toBe(
      404,
    )
  })

  it('lists shares paged, with the expiry filters', async () => {
    for (const day of ['03', '05', '07', '09']) {
      expect((await createShare(documentId, `2026-03-${day}T12:00:00Z`)).status).toBe(201)
    }
    const list = async (query = '') => {
      const response = await call(`/documents/${documentId}/shares/${query}`)
      expect(response.status).toBe(200)
      return SharePage.parse(await response.json())
    }
    expect((await list()).count).toBe(4)
    expect((await list('?page_size=3')).total_pages).toBe(2)
    const later = await list('?expires_at_gte=2026-03-05T12:00:00Z')
    expect(later.results.map((share) => share.expires_at).sort()).toEqual([
      '2026-03-05T12:00:00.000000Z',
      '2026-03-07T12:00:00.000000Z',
      '2026-03-09T12:00:00.000000Z',
    ])
    const window = await list(
      '?expires_at_gte=2026-03-04T00:00:00Z&expires_at_lte=2026-03-08T00:00:00Z',
    )
    expect(window.count).toBe(2)
    const exact = await list(`?expires_at=${encodeURIComponent('2026-03-07T13:00:00+01:00')}`)
    expect(exact.results.map((share) => share.expires_at)).toEqual(['2026-03-07T12:00:00.000000Z'])
    const refused = await call(`/documents/${documentId}/shares/?expires_at_lte=soon`)
    expect(refused.status).toBe(400)
    expect(CregoFieldErrors.parse(await refused.json()).expires_at_lte).toEqual([
      'Enter a valid date/time.',
    ])
  })

  it('serves the preview without sign-in until expiry, then 410', async () => {
    const share = CregoShare.parse(
      await (await createShare(documentId, '2026-03-02T12:00:00Z')).json(),
    )
    const document = sim.state.documents.get(documentId)!
    const previewUrl = `${sim.baseUrl}/shares/${share.token}/preview/`
    const page = await fetch(previewUrl)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain(document.name.replaceAll('&', '&amp;'))
    const fileUrl = /<object data="([^"]+)" type="application\/pdf"/.exec(html)?.[1]
    expect(fileUrl).toBeTruthy()
    const pdf = await fetch(`${sim.baseUrl}${fileUrl!}`)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(pdf.headers.get('content-disposition')).toMatch(/^inline/)
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-')

    sim.clock.set('2026-03-02T11:59:59Z')
    expect((await fetch(previewUrl)).status).toBe(200)
    sim.clock.set('2026-03-02T12:00:00Z')
    const expired = await fetch(previewUrl)
    expect(expired.status).toBe(410)
    expect(await expired.text()).toMatch(/expired/)
    expect((await fetch(`${sim.baseUrl}${fileUrl!}`)).status).toBe(410)
    expect((await fetch(`${sim.baseUrl}/shares/no-such-token/preview/`)).status).toBe(404)
  })

  it('revokes a share with DELETE (204): it is gone and its preview answers 410', async () => {
    const share = CregoShare.parse(
      await (await createShare(documentId, '2026-03-09T00:00:00Z')).json(),
    )
    const path = `/documents/${documentId}/shares/${share.id}/`
    expect((await call(path, { method: 'DELETE' })).status).toBe(204)
    expect((await call(path)).status).toBe(404)
    expect((await call(path, { method: 'DELETE' })).status).toBe(404)
    const preview = await fetch(`${sim.baseUrl}/shares/${share.token}/preview/`)
    expect(preview.status).toBe(410)
    expect(await preview.text()).toMatch(/revoked/)
  })

  it('revokes the shares of a removed document', async () => {
    const share = CregoShare.parse(
      await (await createShare(documentId, '2026-03-09T00:00:00Z')).json(),
    )
    expect((await call(`/documents/${documentId}/`, { method: 'DELETE' })).status).toBe(204)
    expect((await fetch(`${sim.baseUrl}/shares/${share.token}/preview/`)).status).toBe(410)
  })

  it('finds a share only under its own document', async () => {
    const share = CregoShare.parse(
      await (await createShare(documentId, '2026-03-09T00:00:00Z')).json(),
    )
    const other = (await documents()).results[1]!.id
    expect((await call(`/documents/${other}/shares/${share.id}/`)).status).toBe(404)
  })
})
