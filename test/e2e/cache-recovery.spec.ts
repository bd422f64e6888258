/**
 * A damaged cache found at start is told in the page: the notice main raised before any page
 * listened is read with `app.notices` and shown, and the freights carried from the damaged file
 * are on the grid.
 */
import { closeSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs'
import path from 'node:path'
import { copySeededCache, expect, startHost, stopHost, test } from './fixtures'
import { expectCount, grid, showAllDates } from './grid-helpers'

test('a cache whose header was overwritten: the notice shows what was kept, the grid the freights', async ({
  page,
}) => {
  const { dataDir, entries } = copySeededCache()
  // A failing disk wrote over the file's first 100 bytes.
  const fd = openSync(path.join(dataDir, 'freightdesk.sqlite'), 'r+')
  writeSync(fd, Buffer.alloc(100, 0x5a), 0, 100, 0)
  closeSync(fd)
  const { host, child } = await startHost(dataDir, ['--no-sync'])
  try {
    await page.goto(host.url)
    const kept = readdirSync(dataDir).find((name) => name.includes('.damaged-'))
    expect(kept).toBeDefined()
    const notice = page.locator('.toast--error')
    await expect(notice).toContainText('The offline cache file was not a readable database')
    await expect(notice).toContainText(path.join(dataDir, kept!))
    const count = entries.length.toLocaleString('en-US')
    await expect(notice).toContainText(new RegExp(`(Kept: |, )${count} freights\\.`))
    await expect(notice).toContainText('Nothing was lost.')
    // Shown once, though main both kept it for the page and announced it.
    await expect(notice).toHaveCount(1)
    await expect(grid(page)).toHaveAttribute('aria-busy', 'false')
    await showAllDates(page)
    await expectCount(
      page,
      entries.filter((entry) => entry.goneAt === null && !entry.hidden).length,
    )
    await notice.getByRole('button', { name: 'Dismiss' }).click()
    await expect(notice).toHaveCount(0)
  } finally {
    await stopHost(child)
    rmSync(dataDir, { recursive: true, force: true })
  }
})
