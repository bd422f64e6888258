/**
 * A property test on Crego's documented share answer: variants of it (keys dropped, values set to
 * null, undocumented keys) are read by the client. It never throws and never refuses a share whose
 * id, token, creation and expiry are intact; it still reads every value that was there, and
 * reports every change the documentation does not allow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DocumentShare } from '@shared/domain/documents'
import { createCregoTokenManager } from '../../electron/main/providers/crego/auth'
import { createCregoClient } from '../../electron/main/providers/crego/client'
import { readCregoShare } from '../../electron/main/providers/crego/map'
import { documentedShare } from '../../electron/main/simulators/crego/documented-examples'
import { createMemoryTokenStore } from '../support/memory-token-store'
import { createRecordingLogger } from '../support/recording-logger'
import { checkVariant, type ReaderRules } from './support/properties'
import { startRecordingServer, type RecordingServer } from './support/recording-server'
import { variantsOf, type VariantRules } from './support/variants'

const base = 'https://preprod.api.crego.io'

/** A share cannot do without its id, its token (the link), and when it was made and expires. */
const variantRules: VariantRules = { floor: ['id', 'token', 'created_at', 'expires_at'], enums: [] }

const readerRules: ReaderRules<DocumentShare> = {
  nullable: [],
  optional: [],
  reads: [
    { name: 'id', from: ['id'], get: (s) => s.providerId },
    { name: 'link', from: ['token'], get: (s) => s.url },
    { name: 'expiry', from: ['expires_at'], get: (s) => s.expiresAt },
    { name: 'created', from: ['created_at'], get: (s) => s.createdAt },
    { name: 'updated', from: ['updated_at'], get: (s) => s.updatedAt },
    { name: 'document', from: ['document'], get: (s) => s.documentId },
  ],
}

describe('variants of the documented share', () => {
  it('500 variants are all read and what is odd is reported', () => {
    const original = readCregoShare(documentedShare, base, 'unused')
    expect(original.oddities).toEqual([])
    for (const variant of variantsOf(documentedShare, variantRules, { seed: 7, count: 500 })) {
      const reading = readCregoShare(variant.value, base, documentedShare.document)
      checkVariant(variant, { ...reading, raw: variant.value }, original.item, readerRules)
    }
  })
})

describe('variants through the client', () => {
  let server: RecordingServer
  let results: unknown[] = []

  beforeAll(async () => {
    server = await startRecordingServer()
    server.respond(() => ({
      json: {
        count: results.length,
        total_pages: 1,
        current_page: 1,
        has_previous: false,
        has_next: false,
        previous_page: null,
        next_page: null,
        results,
      },
    }))
  })
  afterAll(async () => {
    await server.stop()
  })

  it('lists a page of variant shares: none refused, none thrown', async () => {
    const log = createRecordingLogger()
    const client = createCregoClient({
      baseUrl: server.baseUrl,
      log,
      tokens: createCregoTokenManager({
        baseUrl: server.baseUrl,
        log,
        store: createMemoryTokenStore({ accessToken: 'token', accessTokenExpiresAt: null }),
      }),
    })
    const variants = variantsOf(documentedShare, variantRules, { seed: 8, count: 50 })
    results = variants.map((variant) => variant.value)
    const page = await client.sharesPage(documentedShare.document, {}, 1, 100)
    expect(page.rejected).toEqual([])
    expect(page.items).toHaveLength(50)
    // Each variant holds a change the documentation does not show: each is read in part.
    expect(page.partial.map((item) => item.index)).toEqual(variants.map((_, index) => index))
  })
})
