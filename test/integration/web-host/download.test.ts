/**
 * The web host's export downloads: `freights.export` over HTTP answers a one-time same-origin
 * link; the file comes once with its name, then the link is dead; guessed ids get nothing.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExportOutcome } from '@shared/grid'
import { createCore, type Core } from '../../../electron/main/core'
import { createDownloadShelf, type DownloadShelf } from '../../../electron/main/export/destination'
import { startWebHost, type WebHost } from '../../../electron/main/web-host/server'
import { parseCsv } from '../../support/csv-parse'
import { createRecordingLogger } from '../../support/recording-logger'
import { buildSeededCache } from '../../support/seeded-cache'
import { makeTempDir } from '../../support/temp-dir'

let temp: ReturnType<typeof makeTempDir>
let core: Core
let host: WebHost
let shelf: DownloadShelf

beforeEach(async () => {
  temp = makeTempDir()
  const rendererDir = path.join(temp.dir, 'renderer')
  mkdirSync(rendererDir, { recursive: true })
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>index</title>')
  const dataDir = path.join(temp.dir, 'data')
  buildSeededCache(dataDir, { count: 120, seed: 3 })
  const log = createRecordingLogger()
  shelf = createDownloadShelf(path.join(temp.dir, 'downloads'))
  core = createCore({
    dataDir,
    shell: 'web',
    platform: 'linux',
    validateContracts: true,
    log,
    ports: { exportDestination: shelf },
  })
  host = await startWebHost({ router: core.router, rendererDir, port: 0, log, downloads: shelf })
})

afterEach(async () => {
  await host.close()
  await core.dispose()
  shelf.close()
  temp.remove()
})

async function exportCsv(): Promise<ExportOutcome> {
  const response = await fetch(`${host.origin}/api/invoke/freights.export`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      input: { query: { providers: ['transeu'] }, columns: ['reference', 'status'], format: 'csv' },
    }),
  })
  const result = (await response.json()) as { ok: boolean; value: ExportOutcome }
  expect(result.ok).toBe(true)
  return result.value
}

describe('web host downloads', () => {
  it('serves an export once, as an attachment with its name, then forgets it', async () => {
    const outcome = await exportCsv()
    expect(outcome.status).toBe('download')
    if (outcome.status !== 'download') return
    const first = await fetch(`${host.origin}${outcome.url}`)
    expect(first.status).toBe(200)
    expect(first.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(first.headers.get('content-disposition')).toContain(`filename="${outcome.fileName}"`)
    const records = parseCsv((await first.text()).replace(/^\uFEFF/, ''))
    expect(records[0]).toEqual(['Reference', 'Status'])
    expect(records).toHaveLength(outcome.rows + 1)

    const again = await fetch(`${host.origin}${outcome.url}`)
    expect(again.status).toBe(404)
    // The served file is removed from disk (right after the answer went out, so poll for it).
    await expect.poll(() => readdirSync(path.join(temp.dir, 'downloads'))).toEqual([])
  })

  it('answers 404 to ids it never gave and to other methods', async () => {
    const outcome = await exportCsv()
    if (outcome.status !== 'download') throw new Error('expected a download')
    expect((await fetch(`${host.origin}/download/AAAAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404)
    const post = await fetch(`${host.origin}${outcome.url}`, { method: 'POST' })
    expect(post.status).not.toBe(200)
    // The real one still works after the wrong attempts.
    expect((await fetch(`${host.origin}${outcome.url}`)).status).toBe(200)
  })
})
