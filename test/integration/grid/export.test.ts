/**
 * `freights.export` through the real router over a real cache file: the file holds exactly the
 * rows the query gives (order and total checked against the oracle, which shares no code with
 * the SQL), each value formatted as the grid shows it, with RFC 4180 quoting, a BOM and formula
 * guards; XLSX holds the same with numbers as numbers; nothing is left behind on failure.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import readXlsxFile from 'read-excel-file/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freightColumn, type FreightColumnKey } from '@shared/domain/freight-columns'
import { FreightQuery, type FreightPage } from '@shared/domain/freight-query'
import { ViewQuery } from '@shared/domain/saved-view'
import { createFormat } from '@shared/format'
import { columnTitle, formatCell } from '@shared/freight-format'
import type { ExportOutcome } from '@shared/grid'
import { createCore, type Core } from '../../../electron/main/core'
import { createDownloadShelf, type DownloadShelf } from '../../../electron/main/export/destination'
import { parseCsv } from '../../support/csv-parse'
import { oracleQuery, type OracleEntry } from '../../support/freight-oracle'
import { createRecordingLogger } from '../../support/recording-logger'
import { buildSeededCache } from '../../support/seeded-cache'
import { makeTempDir } from '../../support/temp-dir'

let temp: ReturnType<typeof makeTempDir>
let core: Core
let shelf: DownloadShelf
let entries: OracleEntry[]
const log = createRecordingLogger()
/** The dispatcher the exports are made for: the file reads as their screen does. */
const dispatcher = { locale: 'en-GB', timeZone: 'Europe/Warsaw' } as const
const format = createFormat(dispatcher)

beforeAll(() => {
  temp = makeTempDir('freightdesk-export-')
  const dataDir = path.join(temp.dir, 'data')
  entries = buildSeededCache(dataDir, {
    count: 1200,
    seed: 21,
    goneEvery: 25,
    hiddenEvery: 40,
    seenEvery: 3,
    noteEvery: 13,
    late: 40,
  }).entries
  shelf = createDownloadShelf(path.join(temp.dir, 'downloads'))
  core = createCore({
    dataDir,
    shell: 'web',
    platform: 'linux',
    validateContracts: true,
    log,
    ports: { exportDestination: shelf },
  })
})

afterAll(async () => {
  await core.dispose()
  shelf.close()
  temp.remove()
})

async function invoke<T>(channel: string, input: unknown): Promise<T> {
  const result = await core.router.invoke(channel, input)
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`)
  return result.value as T
}

/** Every row of `query` through the real router, page by page. */
async function allRows(query: ViewQuery, columns: FreightColumnKey[]) {
  const rows: FreightPage['rows'] = []
  for (let offset = 0; ; offset += 1000) {
    const page = await invoke<FreightPage>('freights.query', {
      ...query,
      columns,
      offset,
      limit: 1000,
    })
    rows.push(...page.rows)
    if (rows.length >= page.total) return rows
  }
}

function take(outcome: ExportOutcome) {
  if (outcome.status !== 'download') throw new Error(`expected a download, got ${outcome.status}`)
  const shelved = shelf.take(outcome.url.slice('/download/'.length))
  if (!shelved) throw new Error('the export is not on the shelf')
  return shelved
}

const query = ViewQuery.parse({
  statuses: ['active', 'accepted', 'archived'],
  truckBodies: ['curtainsider', 'standard-tent', 'cooler'],
  includeGone: true,
  sort: [
    { column: 'price', direction: 'desc' },
    { column: 'loadingLocality', direction: 'asc' },
  ],
})
const columns: FreightColumnKey[] = [
  'id',
  'reference',
  'loadingLocality',
  'loadingStart',
  'price',
  'currency',
  'status',
  'truckBodies',
  'temperatureMin',
  'note',
  'seen',
  'goneAt',
]

describe('freights.export', () => {
  it('writes the view as RFC 4180 CSV, in query order, formatted as the grid shows it', async () => {
    // A note a spreadsheet would run as a formula, on a freight the query returns.
    const expected = oracleQuery(entries, FreightQuery.parse({ ...query, limit: 1000 }))
    const target = entries.find((entry) => entry.id === expected.ids[3])!
    const formula = '=HYPERLINK("https://evil.example","click")'
    await invoke('freights.annotate', { ids: [target.id], note: formula })
    target.note = formula

    const outcome = await invoke<ExportOutcome>('freights.export', {
      query,
      columns,
      format: 'csv',
      ...dispatcher,
    })
    const shelved = take(outcome)
    expect(shelved.fileName).toMatch(/^freights-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/)
    const text = readFileSync(shelved.file, 'utf8')
    expect(text.startsWith('\uFEFF')).toBe(true)
    const [header, ...records] = parseCsv(text.slice(1))

    expect(header).toEqual(columns.map((key) => columnTitle(freightColumn(key))))
    const oracle = oracleQuery(entries, { ...FreightQuery.parse(query), limit: 1_000_000 })
    expect(outcome).toMatchObject({ rows: oracle.total })
    expect(records.map((record) => Number(record[0]))).toEqual(oracle.ids)

    const rows = await allRows(query, columns)
    records.forEach((record, index) => {
      const row = rows[index]!
      columns.forEach((key, column) => {
        const shown = formatCell(key, row, format)
        const guarded = key === 'note' && /^[=+\-@]/.test(shown) ? `'${shown}` : shown
        expect(record[column], `${key} of row ${index}`).toBe(guarded)
      })
    })

    // Independently of the formatter: the window in the place's own zone, the formula guarded.
    const byId = new Map(entries.map((entry) => [entry.id, entry]))
    for (const record of records.slice(0, 50)) {
      const entry = byId.get(Number(record[0]))!
      const window = entry.freight.loading.window
      expect(record[3]).toBe(format.dateTime(window.start, window.timeZone))
      expect(record[3]).toMatch(/^\d{1,2} \w+( \d{4})?, \d{2}:\d{2} \S+$/)
    }
    const guardedRecord = records.find((record) => Number(record[0]) === target.id)!
    expect(guardedRecord[9]).toBe(`'${formula}`)
  })

  it('writes XLSX with the same rows, numbers as numbers and text never as formulas', async () => {
    const outcome = await invoke<ExportOutcome>('freights.export', {
      query,
      columns,
      format: 'xlsx',
      ...dispatcher,
    })
    const shelved = take(outcome)
    const [sheet] = await readXlsxFile(shelved.file)
    expect(sheet?.sheet).toBe('Freights')
    const data = sheet!.data
    expect(data[0]).toEqual(columns.map((key) => columnTitle(freightColumn(key))))
    const rows = await allRows(query, columns)
    expect(data).toHaveLength(rows.length + 1)
    rows.slice(0, 200).forEach((row, index) => {
      const cells = data[index + 1]!
      expect(cells[0]).toBe(row.id)
      expect(cells[4]).toBe(row.price ?? null)
      expect(cells[3]).toBe(formatCell('loadingStart', row, format))
      const note = cells[9]
      if (typeof note === 'string') expect(note).toBe(row.note)
    })
    // No cell is a formula: text that starts with = stays text.
    const parts = unzipSync(readFileSync(shelved.file))
    const sheetXml = strFromU8(parts['xl/worksheets/sheet1.xml']!)
    expect(sheetXml).not.toMatch(/<f[ >]/)
    expect(sheetXml).toContain('<pane ySplit="1"')
  })

  it("writes each row's account's last sync (from the sync runs), empty where it never synced", async () => {
    const store = core.services.sync.store
    const counts = {
      pages: 1,
      inserted: 0,
      changed: 0,
      unchanged: 0,
      gone: 0,
      rejected: 0,
      readInPart: 0,
    }
    const run = (
      id: string,
      accountId: string,
      finishedAt: string,
      outcome: 'completed' | 'failed',
    ) => {
      store.startRun({ id, accountId, trigger: 'manual', startedAt: finishedAt })
      store.finishRun(id, finishedAt, counts, { outcome, error: null, errorCode: null })
    }
    // Kraków's last run that stored freights is the completed one; a later failed run does not count.
    run('export-krakow-1', 'transeu-krakow', '2026-11-21T07:15:30.000Z', 'completed')
    run('export-krakow-2', 'transeu-krakow', '2026-11-21T09:00:00.000Z', 'failed')
    run('export-spotgo-1', 'spotgo-krakow', '2026-11-22T16:45:00.000Z', 'completed')
    const expected: Record<string, string> = {
      'transeu-krakow': format.dateTime('2026-11-21T07:15:30.000Z'),
      'spotgo-krakow': format.dateTime('2026-11-22T16:45:00.000Z'),
      'transeu-wroclaw': '',
    }

    const exported: FreightColumnKey[] = ['id', 'accountSyncedAt', 'accountId']
    const byId = ViewQuery.parse({ sort: [{ column: 'id', direction: 'asc' }] })
    const outcome = await invoke<ExportOutcome>('freights.export', {
      query: byId,
      columns: exported,
      format: 'csv',
      ...dispatcher,
    })
    const [header, ...records] = parseCsv(readFileSync(take(outcome).file, 'utf8').slice(1))
    expect(header).toEqual(['Local ID', 'Account synced', 'Account ID'])
    const shown = oracleQuery(entries, { ...FreightQuery.parse(byId), limit: 1_000_000 })
    expect(records.map((record) => Number(record[0]))).toEqual(shown.ids)
    const accounts = new Set<string>()
    for (const record of records) {
      accounts.add(record[2]!)
      expect(record[1], `row ${record[0]}`).toBe(expected[record[2]!])
    }
    expect([...accounts].sort()).toEqual(Object.keys(expected).sort())
  })

  it('says cancelled and writes nothing when the dispatcher closes the save dialog', async () => {
    const cancelling = createCore({
      dataDir: path.join(temp.dir, 'data'),
      shell: 'electron',
      platform: 'linux',
      validateContracts: true,
      log,
      ports: { exportDestination: { choose: () => Promise.resolve(null) } },
    })
    try {
      const result = await cancelling.router.invoke('freights.export', {
        query: {},
        columns: ['reference'],
        format: 'csv',
        ...dispatcher,
      })
      expect(result).toEqual({ ok: true, value: { status: 'cancelled' } })
    } finally {
      await cancelling.dispose()
    }
  })

  it('leaves no file behind and says what to do when the file cannot be written', async () => {
    const folder = path.join(temp.dir, 'missing-folder')
    const failing = createCore({
      dataDir: path.join(temp.dir, 'data'),
      shell: 'electron',
      platform: 'linux',
      validateContracts: true,
      log,
      ports: {
        exportDestination: {
          choose: () =>
            Promise.resolve({
              path: path.join(folder, 'out.csv'),
              complete: (rows) => ({ status: 'saved', fileName: 'out.csv', rows }),
            }),
        },
      },
    })
    try {
      const result = await failing.router.invoke('freights.export', {
        query: {},
        columns: ['reference'],
        format: 'csv',
        ...dispatcher,
      })
      expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
      if (!result.ok) expect(result.error.message).toMatch(/Nothing was saved/)
      expect(existsSync(folder)).toBe(false)
    } finally {
      await failing.dispose()
    }
  })

  it('refuses an export without columns, naming the field', async () => {
    const result = await core.router.invoke('freights.export', {
      query: {},
      columns: [],
      format: 'csv',
      ...dispatcher,
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'validation' } })
    if (!result.ok) expect(result.error.fields).toHaveProperty('columns')
  })

  it('keeps the shelf to files it was asked for', () => {
    expect(shelf.take('not-an-export-id-at-all')).toBeNull()
    const left = readdirSync(path.join(temp.dir, 'downloads'))
    // The two downloads taken above are still there until served (the web host discards them).
    expect(left.length).toBeGreaterThanOrEqual(2)
  })
})
