/**
 * The dispatcher's day on a SpotGo account whose freights load around today: the default view
 * (upcoming first, the row's essentials on screen, pinned while scrolling, nothing clipped), the
 * narrow window, the keyboard paths, sharing in one action and offline said over the grid.
 * Layout is measured from element boxes.
 */
import type { Locator, Page } from '@playwright/test'
import type { Channel } from '@shared/contract'
import {
  startSpotGoSimulator,
  type SpotGoSimulator,
} from '../../electron/main/simulators/spotgo/server'
import { hostTransport, typedInvoke, type InputArgs } from '../support/invoke'
import { dispatcherFormat } from './dispatcher'
import {
  expect,
  readHostClipboard,
  test as base,
  type KeychainHost,
  type RunningHost,
  withKeychainHost,
} from './fixtures'
import { grid, shownIds } from './grid-helpers'

const invoke = <C extends Channel>(host: RunningHost, channel: C, ...input: InputArgs<C>) =>
  typedInvoke(hostTransport(host))(channel, ...input)

/** Long enough to need the short label in the grid. */
const accountName = 'Spedycja Międzynarodowa Północ, oddział Gdańsk-Oliwa'

interface Day {
  host: KeychainHost
  sim: SpotGoSimulator
  accountId: string
}

const test = base.extend<{ day: Day }>({
  // eslint-disable-next-line no-empty-pattern
  day: ({}, use) =>
    withKeychainHost(['--no-sync'], async (host) => {
      // Anchored at the real clock: freights load from a few days ago to weeks ahead.
      const sim = await startSpotGoSimulator({ seed: 31, freights: 60 })
      try {
        const account = await invoke(host, 'accounts.add', {
          provider: 'spotgo',
          name: accountName,
          environment: 'custom',
          baseUrl: sim.baseUrl,
          ownerEmail: sim.credentials.ownerEmail,
          apiKey: sim.credentials.apiKey,
        })
        await invoke(host, 'sync.start', { accountId: account.id })
        await expect
          .poll(async () => (await invoke(host, 'connectivity.get'))[0]?.lastSyncedAt ?? null)
          .not.toBeNull()
        await use({ host, sim, accountId: account.id })
      } finally {
        await sim.stop()
      }
    }),
})

const rows = (page: Page) => grid(page).locator('[role=row][data-freight-id]')
const header = (page: Page, name: string) =>
  grid(page).getByRole('columnheader', { name, exact: true })

async function open(page: Page, day: Day): Promise<void> {
  await page.goto(day.host.url)
  await expect(grid(page)).toHaveAttribute('aria-busy', 'false')
  await expect(rows(page).first()).toBeVisible()
}

async function box(locator: Locator) {
  const found = await locator.boundingBox()
  if (!found) throw new Error('expected a box')
  return found
}

/**
 * The text of the cells under `scope` matching `selector` that are cut off: a box (the cell or a
 * block inside it) narrower than its content, or a part reaching past the cell's edge.
 */
function clipped(scope: Locator, selector: string): Promise<string[]> {
  return scope.evaluate(
    (root, css) =>
      [...root.querySelectorAll<HTMLElement>(css)]
        .filter((cell) => {
          const edge = cell.getBoundingClientRect().right + 1
          // Decoration (a resize handle, a sort mark) and text for screen readers only are not
          // what the eye reads.
          const parts = [cell, ...cell.querySelectorAll<HTMLElement>('*')].filter(
            (part) => !part.closest('[aria-hidden="true"], .visually-hidden'),
          )
          return parts.some(
            (part) =>
              part.getBoundingClientRect().right > edge ||
              (getComputedStyle(part).display !== 'inline' &&
                part.scrollWidth > part.clientWidth + 1),
          )
        })
        .map((cell) => cell.textContent ?? ''),
    selector,
  )
}

test('the default view: upcoming first, the row essentials in view at 1280, pinned, unclipped at 1440', async ({
  page,
  day,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await open(page, day)
  await expect(page.getByRole('list', { name: 'Active filters' })).toContainText(
    'Loading from today',
  )
  // Loading from today on, soonest first: the same rows the router gives for that query.
  const want = await invoke(day.host, 'freights.query', {
    loading: { fromToday: true },
    sort: [{ column: 'route', direction: 'asc' }],
    columns: ['id', 'loadingStart', 'externalNumber', 'reference'],
    limit: 10,
  })
  expect(want.total).toBeGreaterThan(0)
  const today = dispatcherFormat.today()
  for (const row of want.rows) {
    expect(dispatcherFormat.inputValue(row.loadingStart as string).slice(0, 10) >= today).toBe(true)
  }
  await expect.poll(() => shownIds(page, 10)).toEqual(want.rows.map((row) => row.id))
  // The number SpotGo shows (its external number; the reference is empty).
  const first = want.rows[0]!
  expect(first.reference ?? null).toBeNull()
  await expect(rows(page).first().locator('[data-column="number"]')).toHaveText(
    first.externalNumber as string,
  )

  // Nothing clipped at 1440: headers, account labels, status pills, the route's times.
  expect(
    await clipped(
      grid(page),
      '[role=columnheader] button, [role=columnheader] .grid__header-label',
    ),
  ).toEqual([])
  for (const column of ['accountName', 'status', 'route', 'price', 'number']) {
    expect(
      await clipped(grid(page), `[role=row][data-freight-id] [data-column="${column}"]`),
      column,
    ).toEqual([])
  }
  // A long account name: a short label, the whole name on hover and in the detail.
  const account = rows(page).first().locator('[data-column="accountName"]')
  await expect(account).toHaveAttribute('title', accountName)
  expect(((await account.textContent()) ?? '').length).toBeLessThan(accountName.length)

  // At 1280: number, route (with both windows), price and truck inside the grid's view.
  await page.setViewportSize({ width: 1280, height: 800 })
  const view = await box(grid(page))
  for (const name of ['Number', 'Route', 'Price', 'Truck bodies']) {
    const cell = await box(header(page, name))
    expect(cell.x, name).toBeGreaterThanOrEqual(view.x)
    expect(cell.x + cell.width, name).toBeLessThanOrEqual(view.x + view.width)
  }
  await expect(rows(page).first().locator('[data-column="route"]')).toContainText('→')
  await expect(rows(page).first().locator('[data-column="price"]')).toHaveText(
    /^[\d,]+(\.\d+)? [A-Z]{3}$/,
  )

  // Scrolled right, the first columns stay where they were.
  const numberBefore = await box(header(page, 'Number'))
  const routeBefore = await box(header(page, 'Route'))
  await grid(page).evaluate((element) => {
    element.scrollLeft = 400
  })
  await expect.poll(() => grid(page).evaluate((element) => element.scrollLeft)).toBeGreaterThan(0)
  expect((await box(header(page, 'Number'))).x).toBeCloseTo(numberBefore.x, 0)
  expect((await box(header(page, 'Route'))).x).toBeCloseTo(routeBefore.x, 0)
})

test('a narrow window: icon sidebar, one row of filters, route and price beside the detail', async ({
  page,
  day,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 })
  await open(page, day)
  const sidebar = await box(page.getByRole('navigation', { name: 'Main' }))
  expect(sidebar.width).toBeLessThanOrEqual(64)
  // Names stay reachable: each screen's button is named.
  await expect(page.getByRole('button', { name: 'Documents' })).toBeVisible()

  const bar = page.getByRole('search', { name: 'Filter freights' })
  const items = bar.locator(':scope > *')
  const tops = await items.evaluateAll((elements) =>
    elements.map((element) => Math.round(element.getBoundingClientRect().top)),
  )
  expect(new Set(tops).size, 'the filters fit one row').toBe(1)
  await expect(bar.getByRole('button', { name: /^More filters/ })).toBeVisible()

  await rows(page).first().dblclick()
  const detail = page.getByRole('complementary')
  await expect(detail).toBeVisible()
  const view = await box(grid(page))
  for (const name of ['Route', 'Price']) {
    const cell = await box(header(page, name))
    expect(cell.x + cell.width, name).toBeLessThanOrEqual(view.x + view.width + 1)
  }
  const detailBox = await box(detail)
  expect(view.x + view.width).toBeLessThanOrEqual(detailBox.x + 1)
})

test('keyboard: search to results, F6 between areas, screens focus their heading, ? lists every shortcut', async ({
  page,
  day,
}) => {
  await open(page, day)
  const search = page.getByRole('searchbox', { name: 'Search freights' })
  await page.keyboard.press('Control+f')
  await expect(search).toBeFocused()
  await search.press('ArrowDown')
  await expect(grid(page)).toBeFocused()
  await expect(grid(page)).toHaveAttribute('aria-activedescendant', 'freight-row-0')

  // Tab leaves the grid for the next area, not for its headers.
  await page.keyboard.press('Tab')
  const inGrid = await page.evaluate(
    () => document.activeElement?.closest('[data-region="grid"]') !== null,
  )
  expect(inGrid).toBe(false)

  // F6 goes sidebar, filters, grid (and detail when open), round.
  const region = () =>
    page.evaluate(() =>
      document.activeElement?.closest('[data-region]')?.getAttribute('data-region'),
    )
  await search.focus()
  await page.keyboard.press('F6')
  await expect.poll(region).toBe('grid')
  await page.keyboard.press('F6')
  await expect.poll(region).toBe('sidebar')
  await page.keyboard.press('F6')
  await expect.poll(region).toBe('filters')
  await page.keyboard.press('Shift+F6')
  await expect.poll(region).toBe('sidebar')

  await page.keyboard.press('Control+2')
  await expect(page.getByRole('heading', { level: 1, name: 'Shares' })).toBeFocused()
  await page.keyboard.press('Control+3')
  await expect(page.getByRole('heading', { level: 1, name: 'Accounts' })).toBeFocused()

  await page.keyboard.press('?')
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(sheet).toBeVisible()
  await expect(sheet).toContainText('Create and copy a link to the selected freights')
  await expect(sheet).toContainText('Next area')
  await page.keyboard.press('Escape')
  await expect(sheet).toBeHidden()
  await page.keyboard.press('F1')
  await expect(sheet).toBeVisible()
})

test('share in one action: Create and copy, and the shortcut with the last expiry', async ({
  page,
  day,
}) => {
  await open(page, day)
  await rows(page).first().click()
  await page.keyboard.press('Control+Shift+S')
  const dialog = page.getByRole('dialog', { name: /Share/ })
  await dialog.getByRole('radio', { name: '8 hours' }).check()
  const before = Date.now()
  await dialog.getByRole('button', { name: 'Create and copy' }).click()
  await expect.poll(async () => (await readHostClipboard(day.host))?.text ?? '').toMatch(/^http/)
  const firstLink = (await readHostClipboard(day.host))!.text
  const [made] = await invoke(day.host, 'shares.list', {})
  expect(made!.url).toBe(firstLink)
  expect(Date.parse(made!.expiresAt) - before).toBeGreaterThan(8 * 3_600_000 - 120_000)
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  // The shortcut from the grid: a new link, copied, with the expiry used last (8 hours).
  await rows(page).nth(1).click()
  const again = Date.now()
  await page.keyboard.press('Control+Shift+L')
  await expect.poll(async () => (await readHostClipboard(day.host))?.text ?? '').not.toBe(firstLink)
  const shares = await invoke(day.host, 'shares.list', {})
  expect(shares).toHaveLength(2)
  const newest = shares.find((share) => share.url !== firstLink)!
  expect((await readHostClipboard(day.host))!.text).toBe(newest.url)
  const lived = Date.parse(newest.expiresAt) - again
  expect(lived).toBeGreaterThan(8 * 3_600_000 - 120_000)
  expect(lived).toBeLessThan(8 * 3_600_000 + 120_000)
  await expect(page.getByRole('status')).toContainText('copied')
  await expect(page.getByRole('dialog')).toHaveCount(0)
})

test('offline is a banner over the grid: what is shown, as of when, what waits in the outbox', async ({
  page,
  day,
}) => {
  await open(page, day)
  const banner = page.getByRole('region', { name: 'Offline' })
  await expect(banner).toHaveCount(0)

  await day.sim.faults.goOffline()
  await page
    .getByRole('contentinfo', { name: 'Status' })
    .getByRole('button', { name: 'Sync now' })
    .click()
  await expect(banner).toBeVisible()
  await expect(banner).toContainText(accountName)
  const [state] = await invoke(day.host, 'connectivity.get')
  await expect(banner).toContainText(dispatcherFormat.dateTime(state!.lastSyncedAt!))
  // Above the grid, not over its rows.
  expect((await box(banner)).y + (await box(banner)).height).toBeLessThanOrEqual(
    (await box(grid(page))).y + 1,
  )

  // A change made now waits in the outbox, and the banner says so.
  const id = Number(await rows(page).first().getAttribute('data-freight-id'))
  await invoke(day.host, 'freights.changePrice', {
    id,
    change: { price: 1234, ceiling: null, currency: 'EUR', paymentTermDays: 30 },
  })
  await expect(banner).toContainText('1 waiting')

  await day.sim.faults.goOnline()
  await expect(banner).toBeHidden({ timeout: 60_000 })
})
