import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  ColumnLayout,
  defaultColumnLayout,
  SaveViewInput,
  ViewQuery,
} from '@shared/domain/saved-view'
import { openTestCache, type TestCache } from '../../support/cache'

let opened: TestCache

beforeEach(() => {
  opened = openTestCache({ now: () => new Date('2026-03-05T08:00:00.000Z') })
})

afterEach(() => opened.remove())

function input(name: string, extra: Partial<SaveViewInput> = {}): SaveViewInput {
  return SaveViewInput.parse({ name, query: {}, layout: defaultColumnLayout(), ...extra })
}

describe('saved views', () => {
  it('keeps the query and the column layout as given', () => {
    const query = ViewQuery.parse({
      text: 'lodz',
      statuses: ['active', 'publishing'],
      loading: { countries: ['PL'], dateFrom: '2026-03-01' },
      sort: [{ column: 'price', direction: 'desc' }],
    })
    const layout = ColumnLayout.parse({
      columns: [
        { key: 'price', width: 120, visible: true },
        { key: 'reference', width: 200, visible: false },
      ],
    })
    const saved = opened.cache.views.save(input('Łódź, drogie', { query, layout }))!
    expect(saved).toMatchObject({ name: 'Łódź, drogie', query, layout, position: 0 })
    expect(saved.createdAt).toBe('2026-03-05T08:00:00.000Z')
    expect(opened.cache.views.get(saved.id)).toEqual(saved)
  })

  it('stores any name as written, quotes and SQL included', () => {
    const name = `'; DROP TABLE saved_views; --`
    const saved = opened.cache.views.save(input(name))!
    expect(opened.cache.views.list().map((view) => view.name)).toEqual([name])
    expect(opened.cache.views.idByName(name.toUpperCase())).toBe(saved.id)
  })

  it('lists views by position, new ones at the end unless placed', () => {
    const a = opened.cache.views.save(input('A'))!
    const b = opened.cache.views.save(input('B'))!
    const c = opened.cache.views.save(input('C', { position: 0 }))!
    expect([a.position, b.position, c.position]).toEqual([0, 1, 0])
    expect(opened.cache.views.list().map((view) => view.name)).toEqual(['A', 'C', 'B'])
    expect(opened.cache.views.save(input('Z', { id: 999 }))).toBeNull()
    expect(opened.cache.views.remove(a.id)).toBe(true)
    expect(opened.cache.views.remove(a.id)).toBe(false)
  })

  it('falls back to defaults for a view that no longer parses, and says so in the log', () => {
    const saved = opened.cache.views.save(input('Old'))!
    const other = opened.cache.views.save(
      input('Fine', { query: ViewQuery.parse({ seen: true }) }),
    )!
    opened.cache.db
      .prepare("UPDATE saved_views SET query = ?, layout = 'not json' WHERE id = ?")
      .run(JSON.stringify({ statuses: ['a-status-since-removed'] }), saved.id)
    const [old, fine] = opened.cache.views.list()
    expect(old).toMatchObject({ name: 'Old', query: ViewQuery.parse({}) })
    expect(old!.layout).toEqual(defaultColumnLayout())
    expect(fine).toEqual(other)
    const warned = opened.log.lines.filter((line) => line.level === 'warn')
    expect(warned.map((line) => line.details?.viewId)).toEqual([saved.id])
  })
})
