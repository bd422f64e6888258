/**
 * The freight and view channels through the real router and services, on a real cache file:
 * answers, validation errors that name the field, and errors a dispatcher can act on.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EventName } from '@shared/contract'
import type { AppError } from '@shared/errors'
import type { NormalizedFreight } from '@shared/domain/freight'
import type { FreightPage } from '@shared/domain/freight-query'
import { defaultColumnLayout, type SavedView } from '@shared/domain/saved-view'
import { createCore, type Core } from '../../../electron/main/core'
import { seedCache } from '../../support/cache'
import { makeFreights } from '../../support/freight-factory'
import { createRecordingLogger } from '../../support/recording-logger'
import { makeTempDir } from '../../support/temp-dir'

let temp: ReturnType<typeof makeTempDir>
let core: Core
let freights: NormalizedFreight[]
let emitted: Array<{ name: EventName; payload: unknown }>

beforeEach(() => {
  temp = makeTempDir('freightdesk-ipc-')
  core = createCore({
    dataDir: temp.dir,
    shell: 'web',
    platform: 'linux',
    validateContracts: true,
    log: createRecordingLogger(),
  })
  freights = makeFreights(120, 21)
  seedCache(core.cache, freights)
  emitted = []
  core.router.events.subscribe((name, payload) => emitted.push({ name, payload }))
})

afterEach(async () => {
  await core.dispose()
  temp.remove()
})

async function ok<T>(channel: string, input: unknown): Promise<T> {
  const result = await core.router.invoke(channel, input)
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`)
  return result.value as T
}

async function fails(channel: string, input: unknown): Promise<AppError> {
  const result = await core.router.invoke(channel, input)
  if (result.ok) throw new Error(`${channel} answered ${JSON.stringify(result.value)}`)
  return result.error
}

describe('freights.query', () => {
  it('answers a page of flat rows with the total, and facets when asked', async () => {
    const page = await ok<FreightPage>('freights.query', {
      statuses: ['active'],
      columns: ['reference', 'status', 'loadingStart'],
      limit: 10,
      withFacets: true,
    })
    expect(page.rows).toHaveLength(10)
    // With the status comes the provider's own word (shown where the status is unknown).
    expect(page.columns).toEqual([
      'reference',
      'status',
      'loadingStart',
      'statusRaw',
      'loadingTimeZone',
    ])
    expect(page.rows.every((row) => row.status === 'active')).toBe(true)
    expect(page.total).toBe(freights.filter((freight) => freight.status === 'active').length)
    expect(page.facets!.status.map((count) => count.value)).toContain('accepted')
    const plain = await ok<FreightPage>('freights.query', { statuses: ['active'] })
    expect(plain.facets).toBeUndefined()
  })

  it('names the field of every invalid input', async () => {
    const cases: Array<[unknown, string]> = [
      [{ limit: 0 }, 'limit'],
      [{ limit: 5000 }, 'limit'],
      [{ offset: -1 }, 'offset'],
      [{ columns: ['reference', 'nonsense'] }, 'columns.1'],
      [{ sort: [{ column: 'truckBodies' }] }, 'sort.0.column'],
      [{ sort: [{ column: 'price' }, { column: 'price' }] }, 'sort'],
      [{ statuses: ['lost'] }, 'statuses.0'],
      [{ loading: { countries: ['POL'] } }, 'loading.countries.0'],
      [{ loading: { dateFrom: '2026-03-05', dateTo: '2026-03-01' } }, 'loading.dateTo'],
      [{ unloading: { dateFrom: '5.3.2026' } }, 'unloading.dateFrom'],
      [{ price: { min: 10, max: 5 } }, 'price.max'],
      [{ price: { currencies: ['EURO'] } }, 'price.currencies.0'],
      [{ text: 'x'.repeat(201) }, 'text'],
      [{ accountIds: ['a', 'a'] }, 'accountIds'],
      [{ surprise: true }, 'surprise'],
    ]
    for (const [input, field] of cases) {
      const error = await fails('freights.query', input)
      expect(error.code, JSON.stringify(input)).toBe('validation')
      expect(Object.keys(error.fields ?? {}), JSON.stringify(input)).toContain(field)
      // The field path is for the form; the sentence is the dispatcher's, naming no channel.
      expect(error.message).not.toContain('freights.query')
      expect(error.message).toMatch(/^Freightdesk could not use what was entered/)
    }
  })
})

describe('freights.get', () => {
  it('answers the freight with its raw payload and annotation', async () => {
    const page = await ok<FreightPage>('freights.query', {
      columns: ['providerId'],
      limit: 1,
    })
    const id = page.rows[0]!.id
    const detail = await ok<{ freight: NormalizedFreight & { id: number }; annotation: unknown }>(
      'freights.get',
      { id },
    )
    const original = freights.find((freight) => freight.providerId === page.rows[0]!.providerId)!
    expect(detail.freight.id).toBe(id)
    expect(detail.freight.raw).toEqual(original.raw)
    expect(detail.annotation).toEqual({
      freightId: id,
      seen: false,
      hidden: false,
      note: '',
      tags: [],
      updatedAt: null,
    })
  })

  it('says plainly when the freight is not cached, and what to do', async () => {
    const error = await fails('freights.get', { id: 987_654 })
    expect(error.code).toBe('not_found')
    expect(error.message).toMatch(/Reload the list/)
    expect(error.fields).toHaveProperty('id')
    expect((await fails('freights.get', { id: 'x' })).fields).toHaveProperty('id')
  })
})

describe('freights.facets', () => {
  it('answers the counts of the filters given', async () => {
    const facets = await ok<Record<string, Array<{ value: string; count: number }>>>(
      'freights.facets',
      { providers: ['spotgo'] },
    )
    const spotgo = freights.filter((freight) => freight.provider === 'spotgo')
    expect(facets.provider).toEqual(
      [
        { value: 'spotgo', count: spotgo.length },
        { value: 'transeu', count: freights.length - spotgo.length },
      ].sort((a, b) => b.count - a.count),
    )
    expect(facets.status!.reduce((sum, entry) => sum + entry.count, 0)).toBe(spotgo.length)
  })
})

describe('freights.annotate', () => {
  it('stores the dispatcher’s facts and tells listeners which freights changed', async () => {
    const page = await ok<FreightPage>('freights.query', { limit: 2, columns: ['reference'] })
    const ids = page.rows.map((row) => row.id)
    const annotations = await ok<Array<{ freightId: number; note: string; seen: boolean }>>(
      'freights.annotate',
      { ids, seen: true, note: 'Sprawdzić awizację' },
    )
    expect(annotations.map((annotation) => annotation.freightId)).toEqual(ids)
    expect(emitted).toContainEqual({
      name: 'freights.changed',
      payload: { reason: 'annotated', ids },
    })
    const found = await ok<FreightPage>('freights.query', { text: 'awizacje', seen: true })
    expect(found.rows.map((row) => row.id).sort()).toEqual([...ids].sort())
  })

  it('changes nothing and names the missing freights when one is not cached', async () => {
    const page = await ok<FreightPage>('freights.query', { limit: 1 })
    const error = await fails('freights.annotate', { ids: [page.rows[0]!.id, 999_999], seen: true })
    expect(error.code).toBe('not_found')
    expect(error.fields!.ids).toContain('999999')
    expect(emitted).toEqual([])
    const detail = await ok<{ annotation: { seen: boolean } }>('freights.get', {
      id: page.rows[0]!.id,
    })
    expect(detail.annotation.seen).toBe(false)
  })

  it('refuses a change that names nothing to change', async () => {
    const error = await fails('freights.annotate', { ids: [1] })
    expect(error.code).toBe('validation')
    expect(error.message).toMatch(/seen, hidden, note or tags/)
    expect((await fails('freights.annotate', { ids: [], seen: true })).fields).toHaveProperty('ids')
    expect(
      (await fails('freights.annotate', { ids: [1], tags: ['a', 'a'] })).fields,
    ).toHaveProperty('tags')
  })
})

describe('views', () => {
  const layout = defaultColumnLayout()

  it('saves, lists, replaces and removes named views', async () => {
    const first = await ok<SavedView>('views.save', {
      name: 'Chłodnie do Niemiec',
      query: { truckBodies: ['cooler'], unloading: { countries: ['de'] } },
      layout,
    })
    expect(first.query.unloading!.countries).toEqual(['DE'])
    expect(first.position).toBe(0)
    const second = await ok<SavedView>('views.save', { name: 'Wszystkie', query: {}, layout })
    expect(second.position).toBe(1)
    expect((await ok<SavedView[]>('views.list', undefined)).map((view) => view.name)).toEqual([
      'Chłodnie do Niemiec',
      'Wszystkie',
    ])
    const replaced = await ok<SavedView>('views.save', {
      id: first.id,
      name: 'Chłodnie DE',
      query: { truckBodies: ['cooler', 'isotherm'] },
      layout,
      position: 5,
    })
    expect(replaced).toMatchObject({ id: first.id, name: 'Chłodnie DE', position: 5 })
    expect(replaced.createdAt).toBe(first.createdAt)
    expect(await ok('views.remove', { id: second.id })).toEqual({ removed: true })
    expect((await ok<SavedView[]>('views.list', undefined)).map((view) => view.id)).toEqual([
      first.id,
    ])
  })

  it('refuses a second view of the same name, ignoring case', async () => {
    await ok('views.save', { name: 'Pilne', query: {}, layout })
    const error = await fails('views.save', { name: '  PILNE ', query: {}, layout })
    expect(error.code).toBe('conflict')
    expect(error.fields).toHaveProperty('name')
    expect(error.message).toMatch(/Pick another name/)
  })

  it('says when a view is gone, and names invalid fields', async () => {
    expect((await fails('views.remove', { id: 4242 })).code).toBe('not_found')
    expect((await fails('views.save', { id: 4242, name: 'x', query: {}, layout })).code).toBe(
      'not_found',
    )
    expect((await fails('views.save', { name: ' ', query: {}, layout })).fields).toHaveProperty(
      'name',
    )
    const twice = { columns: [layout.columns[0], layout.columns[0]] }
    expect(
      (await fails('views.save', { name: 'x', query: {}, layout: twice })).fields,
    ).toHaveProperty('layout.columns')
    expect(
      (await fails('views.save', { name: 'x', query: { offset: 5 }, layout })).fields,
    ).toHaveProperty('query.offset')
  })
})
