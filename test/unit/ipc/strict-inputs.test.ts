/**
 * Every channel's input refuses keys it does not know, at every depth: a misspelt or extra key is a
 * validation error, never silently dropped (dropping `{"x": 1}` once turned `sync.start` into
 * "sync every account"). The walk covers the whole contract, so a new channel is checked too.
 */
import { describe, expect, it, vi } from 'vitest'
import type { z } from 'zod'
import { channelNames, contract, type Channel, type ChannelInput } from '@shared/contract'
import { defaultColumnLayout } from '@shared/domain/saved-view'
import { createEventHub } from '../../../electron/main/events/event-hub'
import { createRouter, type Handlers } from '../../../electron/main/ipc/router'
import { createRecordingLogger } from '../../support/recording-logger'

interface SchemaDef {
  type: string
  catchall?: z.ZodType
  shape?: Record<string, z.ZodType>
  innerType?: z.ZodType
  in?: z.ZodType
  out?: z.ZodType
  options?: z.ZodType[]
  element?: z.ZodType
  valueType?: z.ZodType
  items?: z.ZodType[]
  left?: z.ZodType
  right?: z.ZodType
  getter?: () => z.ZodType
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def

/** The paths of every object schema within `schema` that lets unknown keys through. */
function openObjects(schema: z.ZodType, at: string, seen = new Set<z.ZodType>()): string[] {
  if (seen.has(schema)) return []
  seen.add(schema)
  const def = defOf(schema)
  const inner = (child: z.ZodType | undefined, path = at) =>
    child ? openObjects(child, path, seen) : []
  switch (def.type) {
    case 'object': {
      const strict = def.catchall !== undefined && defOf(def.catchall).type === 'never'
      return [
        ...(strict ? [] : [at]),
        ...Object.entries(def.shape ?? {}).flatMap(([key, child]) => inner(child, `${at}.${key}`)),
      ]
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return inner(def.innerType)
    case 'pipe':
      return [...inner(def.in), ...inner(def.out)]
    case 'union':
      return (def.options ?? []).flatMap((option, index) => inner(option, `${at}|${index}`))
    case 'intersection':
      return [...inner(def.left), ...inner(def.right)]
    case 'array':
      return inner(def.element, `${at}[]`)
    case 'record':
      return inner(def.valueType, `${at}{}`)
    case 'tuple':
      return (def.items ?? []).flatMap((item, index) => inner(item, `${at}[${index}]`))
    case 'lazy':
      return def.getter ? inner(def.getter()) : []
    default:
      return []
  }
}

/** A valid input per channel (a new channel without one is a compile error). */
const samples: { [C in Channel]: ChannelInput<C> } = {
  'app.info': undefined,
  'app.notices': undefined,
  'app.openExternal': { url: 'https://api.spotgo.eu/share/1' },
  'freights.query': {},
  'freights.get': { id: 1 },
  'freights.facets': {},
  'freights.annotate': { ids: [1], note: 'call first' },
  'freights.valueCounts': { dimension: 'account', filter: {} },
  'freights.export': { query: {}, columns: ['reference'], format: 'csv' },
  'grid.state': undefined,
  'grid.saveState': { looked: true },
  'views.list': undefined,
  'views.save': {
    name: 'Mine',
    query: {},
    layout: defaultColumnLayout(),
  },
  'views.remove': { id: 1 },
  'accounts.list': undefined,
  'accounts.add': {
    provider: 'spotgo',
    name: 'SpotGo',
    environment: 'production',
    ownerEmail: 'owner@example.com',
    apiKey: 'key-1',
  },
  'accounts.update': { id: 'a1', provider: 'spotgo', name: 'SpotGo' },
  'accounts.remove': { id: 'a1', removeCachedFreights: false },
  'accounts.test': { id: 'a1' },
  'accounts.signIn.start': { id: 'a1' },
  'accounts.signIn.complete': { signInId: 's1', response: 'code' },
  'accounts.signIn.cancel': { signInId: 's1' },
  'sync.start': { accountId: 'a1' },
  'sync.cancel': { accountId: 'a1' },
  'sync.runs': { accountId: 'a1' },
  'sync.readProblems': { accountId: 'a1' },
  'sync.copyDiagnostic': { accountId: 'a1' },
  'connectivity.get': undefined,
  'freights.delete': { id: 1 },
  'freights.changePrice': {
    id: 1,
    change: { price: 1200, ceiling: null, currency: 'EUR', paymentTermDays: 30 },
  },
  'outbox.list': undefined,
  'outbox.retry': { id: 1 },
  'outbox.discard': { id: 1 },
  'shares.createFreightLink': {
    accountId: 'a1',
    freightIds: [1],
    expiry: { kind: 'preset', preset: '8h' },
    ownerEmail: 'owner@example.com',
  },
  'shares.createDocumentLink': {
    accountId: 'a1',
    documentId: 'd1',
    expiresAt: '2030-01-01T00:00:00.000Z',
  },
  'shares.list': { state: 'all' },
  'shares.extend': { shareId: 's1', expiresAt: '2030-01-01T00:00:00.000Z' },
  'shares.revoke': { shareId: 's1' },
  'shares.copy': { shareId: 's1' },
  'documents.list': { accountId: 'a1' },
  'documents.get': { accountId: 'a1', documentId: 'd1' },
  'documents.forFreight': { freightId: 1 },
  'sandbox.status': undefined,
  'sandbox.start': undefined,
  'sandbox.remove': undefined,
  'sandbox.setOffline': { offline: true },
}

describe('strict channel inputs', () => {
  it('has no input schema, at any depth, that lets unknown keys through', () => {
    const open = channelNames.flatMap((channel) => openObjects(contract[channel].input, channel))
    expect(open).toEqual([])
  })

  it.each(channelNames)('%s refuses a valid input with one key too many', (channel) => {
    const input = contract[channel].input
    const sample: unknown = samples[channel]
    expect(input.safeParse(sample).success, 'the sample itself is valid').toBe(true)
    // A channel without input refuses any object; the others name the key they refuse.
    const extended =
      typeof sample === 'object' && sample !== null ? { ...sample, surplus: 1 } : { surplus: 1 }
    const parsed = input.safeParse(extended)
    expect(parsed.success).toBe(false)
    if (!parsed.success && sample !== undefined) {
      expect(parsed.error.issues).toContainEqual(
        expect.objectContaining({ code: 'unrecognized_keys', keys: ['surplus'] }),
      )
    }
  })

  it('answers sync.start {"x": 1} with a validation error and starts nothing', async () => {
    const log = createRecordingLogger()
    const start = vi.fn(() => ({ runs: [] }))
    const handlers = { 'sync.start': start } as Partial<Handlers> as Handlers
    const router = createRouter(handlers, createEventHub({ validate: true, log }), {
      validateOutput: true,
      log,
    })
    const result = await router.invoke('sync.start', { x: 1 })
    expect(result).toMatchObject({ ok: false, error: { code: 'validation' } })
    expect(start).not.toHaveBeenCalled()
  })
})
