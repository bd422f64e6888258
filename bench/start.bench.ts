/**
 * Start: launching the built web host on a 100,000-freight cache until the grid's first rows are
 * painted in Chromium (the browser is already running, as the app's window is created by the time
 * main opens the cache), after a clean close and after an unclean shutdown (when the integrity
 * check runs first); the renderer's script size and its first contentful paint.
 */
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Browser } from '@playwright/test'
import { afterAll, beforeAll, describe, test } from 'vitest'
import { cacheFileName } from '../electron/main/cache'
import { requestCheckAtStart } from '../electron/main/cache/integrity'
import { buildSeededCache } from '../test/support/seeded-cache'
import { makeTempDir } from '../test/support/temp-dir'
import { percentiles, recordFigure } from './support/figures'
import { launchChromium, startWebHost } from './support/web'

const count = 100_000
const runs = 5
const root = path.resolve(import.meta.dirname, '..')

let temp: ReturnType<typeof makeTempDir>
let dataDir: string
let browser: Browser

beforeAll(async () => {
  temp = makeTempDir('freightdesk-start-bench-')
  dataDir = path.join(temp.dir, 'data')
  buildSeededCache(dataDir, { count, seed: 42, goneEvery: 50, late: 1000 })
  browser = await launchChromium()
}, 10 * 60_000)

afterAll(async () => {
  await browser?.close()
  temp?.remove()
})

/** Milliseconds from starting the host to the frame that shows the first rows, and the page's FCP. */
async function timeStart(): Promise<{ firstRows: number; firstPaint: number }> {
  const started = Date.now()
  const host = await startWebHost(dataDir)
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  try {
    const page = await context.newPage()
    await page.goto(host.url)
    const painted = await page.evaluate(
      () =>
        new Promise<{ at: number; firstPaint: number }>((resolve) => {
          const done = () =>
            // rAF runs before the frame's paint, the message after it.
            requestAnimationFrame(() => {
              const channel = new MessageChannel()
              channel.port1.onmessage = () => {
                const fcp = performance.getEntriesByName('first-contentful-paint')[0]
                resolve({ at: Date.now(), firstPaint: fcp ? fcp.startTime : -1 })
              }
              channel.port2.postMessage(null)
            })
          const row = () => document.querySelector('[role=grid] [data-freight-id]')
          if (row()) return done()
          const observer = new MutationObserver(() => {
            if (!row()) return
            observer.disconnect()
            done()
          })
          observer.observe(document.body, { childList: true, subtree: true })
        }),
    )
    return { firstRows: painted.at - started, firstPaint: painted.firstPaint }
  } finally {
    await context.close()
    await host.stop()
  }
}

describe('start', () => {
  test('first rows on a 100,000-freight cache, closed cleanly', async () => {
    await timeStart() // warms the file cache of the operating system, as a second start would
    const samples: number[] = []
    const paints: number[] = []
    for (let n = 0; n < runs; n++) {
      const { firstRows, firstPaint } = await timeStart()
      samples.push(firstRows)
      paints.push(firstPaint)
    }
    recordFigure('start.first_rows_100k', {
      value: Math.round(percentiles(samples).p50),
      unit: 'ms',
      target: '< 500',
    })
    recordFigure('start.first_contentful_paint', {
      value: Math.round(percentiles(paints).p50),
      unit: 'ms',
    })
  })

  test('first rows on a 100,000-freight cache after an unclean shutdown', async () => {
    const samples: number[] = []
    for (let n = 0; n < 2; n++) {
      requestCheckAtStart(path.join(dataDir, cacheFileName))
      samples.push((await timeStart()).firstRows)
    }
    recordFigure('start.first_rows_100k_after_unclean_shutdown', {
      value: Math.round(percentiles(samples).p50),
      unit: 'ms',
    })
  })

  test('the renderer script', () => {
    const assets = path.join(root, 'out/renderer/assets')
    const bytes = readdirSync(assets)
      .filter((name) => name.endsWith('.js'))
      .reduce((sum, name) => sum + statSync(path.join(assets, name)).size, 0)
    recordFigure('start.renderer_script_kb', { value: Math.round(bytes / 1024), unit: 'kB' })
  })
})
