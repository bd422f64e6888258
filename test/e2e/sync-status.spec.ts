/**
 * The status bar in Chromium against the real web host (scheduler off, so the test starts every
 * run) and two SpotGo simulators: each account's state, Sync now with progress, and an account
 * whose provider goes offline shown as offline while its cached freights stay.
 */
import type { Channel, ChannelInput, ChannelOutput } from '@shared/contract'
import { startSpotGoSimulator } from '../../electron/main/simulators/spotgo/server'
import {
  expect,
  invokeOn,
  test as base,
  type RunningHost,
  withKeychainHost,
  type KeychainHost,
} from './fixtures'
import { openFilter, showAllDates } from './grid-helpers'

const test = base.extend<{ syncHost: KeychainHost }>({
  // eslint-disable-next-line no-empty-pattern
  syncHost: ({}, use) => withKeychainHost(['--no-sync'], use),
})

/** Calls a channel on the host's API the way the page does. */
function invoke<C extends Channel>(
  host: RunningHost,
  channel: C,
  input?: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  return invokeOn<ChannelOutput<C>>(host, channel, input)
}

test('shows each account, progress during Sync now, and offline while the cache stays', async ({
  page,
  syncHost: host,
}) => {
  const anchor = '2026-03-02T09:00:00Z'
  const [krakow, gdansk] = await Promise.all([
    startSpotGoSimulator({ seed: 71, freights: 250, anchor }),
    startSpotGoSimulator({ seed: 72, freights: 20, anchor }),
  ])
  try {
    const add = (name: string, sim: typeof krakow) =>
      invoke(host, 'accounts.add', {
        provider: 'spotgo',
        name,
        environment: 'custom',
        baseUrl: sim.baseUrl,
        ownerEmail: sim.credentials.ownerEmail,
        apiKey: sim.credentials.apiKey,
      })
    const depotKrakow = await add('Depot Kraków', krakow)
    const depotGdansk = await add('Depot Gdańsk', gdansk)

    await page.goto(host.url)
    const bar = page.getByRole('contentinfo', { name: 'Status' })
    const krakowStatus = bar.getByTestId(`account-status-${depotKrakow.id}`)
    const gdanskStatus = bar.getByTestId(`account-status-${depotGdansk.id}`)
    await expect(krakowStatus).toContainText('Depot Kraków')
    await expect(krakowStatus).toContainText('Online')
    await expect(krakowStatus).toContainText('not synced yet')
    await expect(gdanskStatus).toContainText('not synced yet')

    // Sync now: a slow provider shows the run's progress, then when it synced.
    krakow.faults.set({ latencyMs: 700 })
    await bar.getByRole('button', { name: 'Sync now' }).click()
    const progress = krakowStatus.getByRole('status')
    await expect(progress).toContainText(/Syncing freights… \d+ pages?, \d+ freights|Starting sync/)
    await expect(
      krakowStatus.getByRole('progressbar', { name: 'Syncing Depot Kraków' }),
    ).toBeVisible()
    await expect(bar.getByRole('button', { name: 'Cancel sync' })).toBeVisible()
    await expect(krakowStatus).toContainText('synced now', { timeout: 15_000 })
    await expect(gdanskStatus).toContainText('synced now')
    await expect(bar.getByRole('button', { name: 'Cancel sync' })).toBeHidden()
    const syncedAt = await krakowStatus.locator('time').getAttribute('datetime')
    expect(syncedAt).not.toBeNull()
    await expect(krakowStatus.locator('time')).toHaveAttribute('title', /\d/)
    krakow.faults.reset()

    // The grid on screen: both accounts' freights.
    const grid = page.getByRole('grid', { name: 'Freights' })
    const gdanskIds = (
      await invoke(host, 'freights.query', { accountIds: [depotGdansk.id], limit: 20 })
    ).rows.map((row) => row.id)
    expect(gdanskIds).toHaveLength(20)
    const gdanskRow = (id: number) => grid.locator(`[role=row][data-freight-id="${id}"]`)
    await showAllDates(page)
    await expect(page.getByTestId('freight-count')).toHaveText('270 freights')

    // Gdańsk's provider goes away: its state says so, distinctly, and its cache stays.
    await gdansk.faults.goOffline()
    await bar.getByRole('button', { name: 'Sync now' }).click()
    await expect(gdanskStatus).toContainText('Offline')
    await expect(gdanskStatus).toHaveClass(/account-status--offline/)
    // The banner over the grid says what is shown.
    await expect(page.getByRole('region', { name: 'Offline' })).toContainText(
      'The grid shows 20 cached freights of it',
    )
    await expect(gdanskStatus).toHaveAttribute('title', /SpotGo cannot be reached/)
    await expect(krakowStatus).toContainText('Online')
    await expect(krakowStatus).toHaveClass(/account-status--online/)
    const page1 = await invoke(host, 'freights.query', { accountIds: [depotGdansk.id] })
    expect(page1.total).toBe(20)
    // Offline never empties the grid: the rows stay (Kraków's own sync may reorder its rows, so
    // the check is on Gdańsk's, which cannot change while its provider is away).
    await expect(page.getByTestId('freight-count')).toHaveText('270 freights')
    await expect(grid.locator('[role=row][data-freight-id]').first()).toBeVisible()
    const accountFilter = await openFilter(page, 'Account')
    await accountFilter.getByRole('checkbox', { name: 'Depot Gdańsk' }).check()
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('freight-count')).toHaveText('20 freights')
    const shownIds = () =>
      grid
        .locator('[role=row][data-freight-id]')
        .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-freight-id'))))
    await expect
      .poll(async () => {
        const shown = await shownIds()
        return shown.length > 0 && shown.every((id) => gdanskIds.includes(id))
      })
      .toBe(true)
    for (const id of (await shownIds()).slice(0, 5)) await expect(gdanskRow(id)).toBeVisible()

    // Back: the re-probe finds it and says so.
    await gdansk.faults.goOnline()
    await expect(gdanskStatus).toContainText('Online', { timeout: 15_000 })
  } finally {
    await Promise.all([krakow.stop(), gdansk.stop()])
  }
})

test('changes a SpotGo price from the freight detail, and queues it while SpotGo is offline', async ({
  page,
  syncHost: host,
}) => {
  // Anchored at the real clock, so that active freights are still active when changed.
  const sim = await startSpotGoSimulator({ seed: 73, freights: 30 })
  try {
    const account = await invoke(host, 'accounts.add', {
      provider: 'spotgo',
      name: 'Depot Poznań',
      environment: 'custom',
      baseUrl: sim.baseUrl,
      ownerEmail: sim.credentials.ownerEmail,
      apiKey: sim.credentials.apiKey,
    })
    await page.goto(host.url)
    const bar = page.getByRole('contentinfo', { name: 'Status' })
    await bar.getByRole('button', { name: 'Sync now' }).click()
    await expect(bar.getByTestId(`account-status-${account.id}`)).toContainText('synced now', {
      timeout: 15_000,
    })
    await showAllDates(page)
    const active = [...sim.state.freights.values()].filter((each) => each.status === 'Active')
    const [first, second] = active
    if (!first || !second) throw new Error('expected two active SpotGo freights')
    const idOf = async (providerId: string) => {
      const found = await invoke(host, 'freights.query', {
        text: providerId,
        columns: ['providerId'],
      })
      const row = found.rows.find((each) => each.providerId === providerId)
      if (!row) throw new Error(`freight ${providerId} is not cached`)
      return row.id
    }
    const grid = page.getByRole('grid', { name: 'Freights' })
    const search = page.getByRole('searchbox', { name: 'Search freights' })
    const detail = page.getByRole('complementary')
    const changePrice = async (providerId: string, price: string) => {
      const id = await idOf(providerId)
      await search.fill(providerId)
      await search.press('Enter')
      await grid.locator(`[data-freight-id="${id}"]`).dblclick()
      // The detail may still show the freight opened before: wait for this one.
      await expect(
        detail
          .getByRole('region', { name: 'Freight', exact: true })
          .locator('.detail__field')
          .filter({ has: page.getByText('Provider ID', { exact: true }) })
          .locator('dd'),
      ).toHaveText(providerId)
      await detail.getByRole('button', { name: 'Change price' }).click()
      const form = detail.getByRole('form', { name: 'New price' })
      await form.getByLabel('Price', { exact: true }).fill(price)
      await form.getByRole('combobox', { name: 'Currency' }).selectOption('EUR')
      await form.getByLabel('Payment term (days)').fill('45')
      await form.getByRole('button', { name: 'Save price' }).click()
    }

    // Online: SpotGo takes it, and the detail shows what SpotGo now holds.
    await changePrice(first.id, '1875')
    await expect(page.getByText('SpotGo has the new price.')).toBeVisible()
    const priceField = detail
      .getByRole('region', { name: 'Price', exact: true })
      .locator('.detail__field')
      .filter({ has: page.getByText('Price', { exact: true }) })
      .locator('dd')
    await expect(priceField).toHaveText('1,875 EUR')
    expect(sim.state.freights.get(first.id)?.payment).toMatchObject({ from: 1875, term: 45 })

    // Offline: the change waits in the outbox, and goes out when SpotGo is back.
    await sim.faults.goOffline()
    await changePrice(second.id, '990')
    await expect(page.getByText(/the new price waits in the outbox/)).toBeVisible()
    const queued = await invoke(host, 'outbox.list')
    expect(queued).toMatchObject([{ kind: 'spotgo.changePrice', state: 'pending' }])
    await sim.faults.goOnline()
    await expect
      .poll(() => sim.state.freights.get(second.id)?.payment?.from, { timeout: 15_000 })
      .toBe(990)
    await expect.poll(() => invoke(host, 'outbox.list'), { timeout: 5_000 }).toEqual([])
  } finally {
    await sim.stop()
  }
})
