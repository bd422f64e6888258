/**
 * State the dispatcher can trust: what the screen says is what holds, without a reload. Each test
 * here is a case that once showed a stale or wrong state: a provider that cannot be reached shown
 * online after a restart, removed sample freights left in a filtered grid, a price change waiting
 * in the outbox invisible on its freight, errors of another provider left in a form, half-made
 * Trans.eu accounts, one Escape closing two panels, tags lost when typed fast, and page text
 * selected by a Shift-click or a double-click in the grid.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from '@playwright/test'
import type { FreightDetail } from '@shared/domain/freight'
import type { Channel } from '@shared/contract'
import { hostTransport, typedInvoke, type InputArgs } from '../support/invoke'
import { keychainEntries, sweepKeychain } from '../support/keychain'
import { startSpotGoSimulator } from '../../electron/main/simulators/spotgo/server'
import { startTranseuSimulator } from '../../electron/main/simulators/transeu/server'
import {
  expect,
  startHost,
  stopHost,
  test as base,
  type KeychainHost,
  type RunningHost,
  withKeychainHost,
} from './fixtures'
import { grid, openFilter, openGrid, showAllDates, shownCount } from './grid-helpers'

const test = base.extend<{ keychainHost: KeychainHost; syncHost: KeychainHost }>({
  // eslint-disable-next-line no-empty-pattern
  keychainHost: ({}, use) => withKeychainHost([], use),
  // eslint-disable-next-line no-empty-pattern
  syncHost: ({}, use) => withKeychainHost(['--no-sync'], use),
})

const invoke = <C extends Channel>(host: RunningHost, channel: C, ...input: InputArgs<C>) =>
  typedInvoke(hostTransport(host))(channel, ...input)

/**
 * Records, from before the page's own scripts run, every state word each account shows in the
 * status bar, so a test can say what was never shown.
 */
async function recordAccountStates(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = []
    ;(window as unknown as { accountStatesSeen: string[] }).accountStatesSeen = seen
    const read = () => {
      for (const item of document.querySelectorAll('[data-testid^="account-status-"]')) {
        const name = item.querySelector('.account-status__name')?.textContent ?? ''
        const state = item.querySelector('.account-status__state')?.textContent ?? ''
        const entry = `${name}: ${state}`
        if (seen[seen.length - 1] !== entry && !seen.includes(entry)) seen.push(entry)
      }
    }
    new MutationObserver(read).observe(document, {
      subtree: true,
      childList: true,
      characterData: true,
    })
  })
}

const statesSeen = (page: Page) =>
  page.evaluate(() => (window as unknown as { accountStatesSeen: string[] }).accountStatesSeen)

// Sample data starts three simulators, signs in and syncs; it then starts again after a restart.
test.describe('sample data', () => {
  test.setTimeout(300_000)

  test('offline from the first moment after a restart; removed with a filter active, gone from the grid', async ({
    page,
  }) => {
    const secretService = `Freightdesk-test-${randomBytes(6).toString('hex')}`
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'freightdesk-e2e-'))
    const args = ['--secret-service', secretService]
    let running = await startHost(dataDir, args)
    try {
      const first = running.host
      await invoke(first, 'sandbox.start')
      await expect
        .poll(
          async () =>
            (await invoke(first, 'connectivity.get')).filter((each) => each.lastSyncedAt !== null)
              .length,
          { timeout: 150_000 },
        )
        .toBe(2)
      await invoke(first, 'sandbox.setOffline', { offline: true })
      await expect
        .poll(async () => (await invoke(first, 'connectivity.get')).map((each) => each.state))
        .toEqual(['offline', 'offline', 'offline'])
      await stopHost(running.child)

      // The restart: the sample providers come back switched off.
      running = await startHost(dataDir, args)
      const host = running.host
      await recordAccountStates(page)
      await page.goto(host.url)
      const bar = page.getByRole('contentinfo', { name: 'Status' })
      await expect(bar.getByRole('button', { name: 'Sample data: offline' })).toBeVisible({
        timeout: 60_000,
      })
      const accounts = await invoke(host, 'accounts.list')
      expect(accounts).toHaveLength(3)
      for (const account of accounts) {
        await expect(bar.getByTestId(`account-status-${account.id}`)).toContainText('Offline', {
          timeout: 60_000,
        })
      }
      // Settled: the sample accounts are signed in again with the providers switched off.
      await expect
        .poll(async () => (await invoke(host, 'sandbox.status')).state, { timeout: 60_000 })
        .toBe('running')
      for (const account of accounts) {
        await expect(bar.getByTestId(`account-status-${account.id}`)).toContainText('Offline')
      }
      const seen = await statesSeen(page)
      expect(seen.length).toBeGreaterThan(0)
      expect(seen.filter((entry) => entry.endsWith(': Online'))).toEqual([])

      // Back online, a filter on, then the sample data goes: no removed freight stays on screen.
      await invoke(host, 'sandbox.setOffline', { offline: false })
      await showAllDates(page)
      const providers = await openFilter(page, 'Provider')
      await providers.getByRole('checkbox', { name: 'SpotGo' }).check()
      await page.keyboard.press('Escape')
      await expect(page.getByRole('list', { name: 'Active filters' })).toContainText(
        'Provider: SpotGo',
      )
      await expect.poll(() => shownCount(page), { timeout: 30_000 }).toBeGreaterThan(0)
      await expect(grid(page).locator('[role=row][data-freight-id]').first()).toBeVisible()
      await bar.getByRole('button', { name: 'Sample data: online' }).click()
      await page.getByRole('menuitem', { name: 'Remove sample data…' }).click()
      const confirm = page.getByRole('dialog', { name: 'Remove the sample data?' })
      await confirm.getByRole('button', { name: 'Remove sample data' }).click()
      await expect(confirm).toBeHidden({ timeout: 60_000 })
      await expect(page.getByTestId('freight-count')).toHaveText('0 freights')
      await expect(grid(page).locator('[role=row][data-freight-id]')).toHaveCount(0)
      await expect(page.getByRole('list', { name: 'Active filters' })).toContainText(
        'Provider: SpotGo',
      )
    } finally {
      await stopHost(running.child)
      rmSync(dataDir, { recursive: true, force: true })
      await sweepKeychain(secretService)
    }
  })
})

test('a price change waiting in the outbox shows on its freight; the outbox names its number', async ({
  page,
  syncHost: host,
}) => {
  // Anchored at the real clock, so that active freights are still active when changed.
  const sim = await startSpotGoSimulator({ seed: 74, freights: 30 })
  try {
    const account = await invoke(host, 'accounts.add', {
      provider: 'spotgo',
      name: 'Depot Łódź',
      environment: 'custom',
      baseUrl: sim.baseUrl,
      ownerEmail: sim.credentials.ownerEmail,
      apiKey: sim.credentials.apiKey,
    })
    await invoke(host, 'sync.start', { accountId: account.id })
    await expect
      .poll(async () => (await invoke(host, 'connectivity.get'))[0]?.lastSyncedAt ?? null)
      .not.toBeNull()
    const active = [...sim.state.freights.values()].find(
      (each) => each.status === 'Active' && each.externalNumber,
    )
    if (!active?.externalNumber) throw new Error('expected an active SpotGo freight with a number')
    const found = await invoke(host, 'freights.query', {
      text: active.id,
      columns: ['providerId', 'price'],
    })
    const row = found.rows.find((each) => each.providerId === active.id)!
    const oldPrice = row.price

    await page.goto(host.url)
    await showAllDates(page)
    const search = page.getByRole('searchbox', { name: 'Search freights' })
    await search.fill(active.id)
    await search.press('Enter')
    const gridRow = grid(page).locator(`[data-freight-id="${row.id}"]`)
    await gridRow.dblclick()
    const detail = page.getByRole('complementary')
    await expect(detail.getByRole('heading', { level: 2 })).toHaveText(active.externalNumber)

    await sim.faults.goOffline()
    await detail.getByRole('button', { name: 'Change price' }).click()
    const form = detail.getByRole('form', { name: 'New price' })
    await form.getByLabel('Price', { exact: true }).fill('4321')
    await form.getByRole('combobox', { name: 'Currency' }).selectOption('EUR')
    await form.getByRole('button', { name: 'Save price' }).click()
    await expect(page.getByText(/the new price waits in the outbox/)).toBeVisible()

    // The freight says so, in the grid and in the detail, and keeps its old price beside it.
    const priceCell = gridRow.locator('[data-column="price"]')
    await expect(priceCell).toContainText('4,321')
    await expect(priceCell).toContainText('waiting')
    await expect(detail.getByRole('region', { name: 'Price', exact: true })).toContainText(
      /4,321(\.00)? EUR.*waiting to be sent/s,
    )
    expect(oldPrice).not.toBe(4321)

    // The outbox names the freight by the number SpotGo shows, never by an internal id.
    const bar = page.getByRole('contentinfo', { name: 'Status' })
    await bar.getByRole('button', { name: /^Outbox/ }).click()
    const outbox = page.getByRole('dialog', { name: 'Outbox' })
    await expect(outbox).toContainText(active.externalNumber)
    await expect(outbox).not.toContainText(active.id)
    // One Escape closes the outbox, the topmost panel; the detail stays.
    await page.keyboard.press('Escape')
    await expect(outbox).toBeHidden()
    await expect(detail).toBeVisible()

    await sim.faults.goOnline()
    await expect.poll(() => invoke(host, 'outbox.list'), { timeout: 15_000 }).toEqual([])
    await expect(priceCell).not.toContainText('waiting')
    await expect(priceCell).toContainText('4,321')
  } finally {
    await sim.stop()
  }
})

test('switching the provider in Add account clears the errors of the one before', async ({
  page,
  keychainHost: host,
}) => {
  await page.goto(host.url)
  await page.keyboard.press('Control+3')
  await page.getByRole('button', { name: 'Add account' }).first().click()
  const dialog = page.getByRole('dialog', { name: 'Add an account' })
  await dialog.getByRole('button', { name: 'Add account' }).click()
  await expect(dialog.getByText('Enter a name')).toBeVisible()
  await expect(dialog.locator('.field__error, [role=alert]').first()).toBeVisible()
  await dialog.getByLabel('Provider').selectOption('crego')
  await expect(dialog.locator('.field__error')).toHaveCount(0)
  await expect(dialog.getByRole('alert')).toHaveCount(0)
  await expect(dialog.locator('[aria-invalid="true"]')).toHaveCount(0)
})

test('a Trans.eu account whose sign-in is cancelled or refused leaves nothing behind', async ({
  page,
  context,
  keychainHost: host,
}) => {
  const sim = await startTranseuSimulator({ seed: 13, freights: 3 })
  try {
    await page.goto(host.url)
    await page.keyboard.press('Control+3')
    const fill = async () => {
      await page.getByRole('button', { name: 'Add account' }).first().click()
      const dialog = page.getByRole('dialog', { name: 'Add an account' })
      await dialog.getByLabel('Provider').selectOption('transeu')
      await dialog.getByLabel('Name').fill('Trans.eu Opole')
      await dialog.getByLabel('Environment').selectOption('custom')
      await dialog.getByLabel('API address').fill(sim.baseUrl)
      await dialog.getByLabel('Client id').fill(sim.credentials.clientId)
      await dialog.getByLabel('Client secret').fill(sim.credentials.clientSecret)
      await dialog.getByLabel('Api-key').fill(sim.credentials.apiKey)
      const tab = context.waitForEvent('page')
      await dialog.getByRole('button', { name: 'Add and sign in' }).click()
      return tab
    }
    const signIn = page.getByRole('dialog', { name: 'Sign in to Trans.eu: Trans.eu Opole' })

    // Cancelled: the dispatcher closes the sign-in.
    const firstTab = await fill()
    await expect(signIn.getByRole('status')).toContainText('continues by itself')
    await firstTab.close()
    await signIn.getByRole('button', { name: 'Cancel' }).click()
    await expect(signIn).toBeHidden()
    await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible()
    await expect.poll(() => invoke(host, 'accounts.list')).toEqual([])
    await expect.poll(() => keychainEntries(host.secretService)).toEqual([])

    // Refused: the provider's page is answered with "deny".
    const secondTab = await fill()
    await secondTab.waitForLoadState()
    await secondTab.getByLabel('Login').fill(sim.credentials.user.login)
    await secondTab.getByLabel('Password').fill(sim.credentials.user.password)
    await secondTab.getByRole('button', { name: 'Deny' }).click()
    await expect(signIn.getByRole('alert')).toBeVisible()
    await secondTab.close()
    await signIn.getByRole('button', { name: 'Close' }).click()
    await expect(signIn).toBeHidden()
    await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible()
    await expect.poll(() => invoke(host, 'accounts.list')).toEqual([])
    await expect.poll(() => keychainEntries(host.secretService)).toEqual([])
  } finally {
    await sim.stop()
  }
})

test('one Escape closes only the topmost panel; tags typed fast are all kept; clicks select no text', async ({
  page,
  seeded,
}) => {
  await openGrid(page, seeded)
  const rows = grid(page).locator('[role=row][data-freight-id]')
  const noSelectedText = () => page.evaluate(() => window.getSelection()?.toString() ?? '')

  // A double-click opens the detail and selects no text; a Shift-click selects rows, not text.
  await rows.nth(1).dblclick()
  const detail = page.locator('aside.detail')
  await expect(detail).toBeVisible()
  expect(await noSelectedText()).toBe('')
  await rows.nth(3).click({ modifiers: ['Shift'] })
  await expect(page.getByTestId('selected-count')).toHaveText('3 selected')
  expect(await noSelectedText()).toBe('')

  // A filter list over the open detail: Escape closes the list, then the detail.
  await openFilter(page, 'Status')
  await expect(page.getByRole('dialog', { name: 'Status filter' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog', { name: 'Status filter' })).toBeHidden()
  await expect(detail).toBeVisible()

  // Tags typed one after another, without waiting, are all kept (the detail follows the focus).
  const id = Number(await rows.nth(3).getAttribute('data-freight-id'))
  const tagInput = detail.getByRole('textbox', { name: 'Add a tag' })
  await tagInput.click()
  // Typed and entered within one task: no answer from main comes between them.
  await tagInput.evaluate(
    (input: HTMLInputElement, tags) => {
      // The prototype's setter, called on the input: React's own value tracker sees the change.
      // eslint-disable-next-line @typescript-eslint/unbound-method
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!
      for (const tag of tags) {
        setValue.call(input, tag)
        input.dispatchEvent(new Event('input', { bubbles: true }))
        input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
      }
    },
    ['ramp-3', 'call-first', 'adr', 'fragile'],
  )
  const tags = detail.getByRole('list', { name: 'Tags' })
  await expect(tags.getByRole('listitem')).toHaveCount(4)
  await expect
    .poll(async () => (await seeded.invoke<FreightDetail>('freights.get', { id })).annotation.tags)
    .toEqual(['ramp-3', 'call-first', 'adr', 'fragile'])

  await page.keyboard.press('Escape')
  await expect(detail).toBeHidden()
})
