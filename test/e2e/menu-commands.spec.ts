/**
 * The native menu's commands reach the page and do what their keys do. The browser preview has no
 * native menu, so the web host plays its part (`POST /host/menu`), sending each command the way
 * the desktop shell does: on the `menu.command` event. Every command item of the menu template,
 * on macOS and elsewhere, is chosen here once.
 */
import type { Page } from '@playwright/test'
import type { CommandId } from '@shared/commands'
import type { Channel } from '@shared/contract'
import { menuItems, menuTemplate } from '../../electron/main/desktop/menu-template'
import { startSpotGoSimulator } from '../../electron/main/simulators/spotgo/server'
import { hostTransport, typedInvoke, type InputArgs } from '../support/invoke'
import {
  expect,
  readHostClipboard,
  test as base,
  type KeychainHost,
  type RunningHost,
  withKeychainHost,
} from './fixtures'
import { grid } from './grid-helpers'

const invoke = <C extends Channel>(host: RunningHost, channel: C, ...input: InputArgs<C>) =>
  typedInvoke(hostTransport(host))(channel, ...input)

const menuCommands = [
  ...new Set(
    (['darwin', 'win32', 'linux'] as const).flatMap((platform) =>
      menuItems(
        menuTemplate({ platform, appName: 'Freightdesk', development: false, run: () => {} }),
      ).flatMap((item) => (item.id ? [item.id as CommandId] : [])),
    ),
  ),
].sort()

const chosen = new Set<CommandId>()

/** Chooses `id` in the menu the web host plays. */
async function choose(host: RunningHost, id: CommandId): Promise<void> {
  chosen.add(id)
  const response = await fetch(`${host.origin}/host/menu`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id }),
  })
  expect(response.status).toBe(200)
}

interface Desk {
  host: KeychainHost
  accountId: string
}

const test = base.extend<{ desk: Desk }>({
  // eslint-disable-next-line no-empty-pattern
  desk: ({}, use) =>
    withKeychainHost(['--no-sync'], async (host) => {
      const sim = await startSpotGoSimulator({ seed: 41, freights: 30 })
      try {
        const account = await invoke(host, 'accounts.add', {
          provider: 'spotgo',
          name: 'Depot Poznań',
          environment: 'custom',
          baseUrl: sim.baseUrl,
          ownerEmail: sim.credentials.ownerEmail,
          apiKey: sim.credentials.apiKey,
        })
        await use({ host, accountId: account.id })
      } finally {
        await sim.stop()
      }
    }),
})

const rows = (page: Page) => grid(page).locator('[role=row][data-freight-id]')
const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name })
const region = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('[data-region]')?.getAttribute('data-region'))

test('the web host plays the menu only with its commands', async ({ desk }) => {
  const refused = await fetch(`${desk.host.origin}/host/menu`, {
    method: 'POST',
    headers: { authorization: `Bearer ${desk.host.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id: 'app.quitWithoutAsking' }),
  })
  expect(refused.status).toBe(400)
})

test('each menu command does in the page what its keys do', async ({ page, desk }) => {
  const { host, accountId } = desk
  await page.goto(host.url)
  const bar = page.getByRole('contentinfo', { name: 'Status' })
  const account = bar.getByTestId(`account-status-${accountId}`)
  await expect(account).toContainText('not synced yet')

  // File › Sync Now: the account syncs and its freights arrive.
  await choose(host, 'sync.now')
  await expect(account).toContainText('synced now')
  await expect(rows(page).first()).toBeVisible()

  // Edit › Find Freights: the search box takes the focus.
  await page.locator('body').click({ position: { x: 1, y: 1 } })
  await choose(host, 'freights.search')
  await expect(page.getByRole('searchbox', { name: 'Search freights' })).toBeFocused()

  // View › Next Area and Previous Area move between the areas as F6 and Shift+F6 do.
  await choose(host, 'region.next')
  await expect.poll(() => region(page)).toBe('grid')
  await choose(host, 'region.previous')
  await expect.poll(() => region(page)).toBe('filters')

  // File › Export…: the export menu opens, as a click on its button does.
  await choose(host, 'freights.export')
  const formats = page.getByRole('dialog', { name: 'Export' }).getByRole('list', {
    name: 'Export formats',
  })
  await expect(formats.getByRole('button', { name: /CSV/ })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(formats).toBeHidden()

  // File › Share Selected Freights…: the share dialog for the selected row.
  await rows(page).first().click()
  await choose(host, 'share.dialog')
  const dialog = page.getByRole('dialog', { name: /Share/ })
  await expect(dialog).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  // File › Copy a Link to Selected Freights: a new link, on the clipboard.
  await choose(host, 'share.quick')
  await expect
    .poll(async () => (await readHostClipboard(host))?.text ?? '')
    .toMatch(/^http:\/\/127\.0\.0\.1/)
  const [made] = await invoke(host, 'shares.list', {})
  expect((await readHostClipboard(host))?.text).toBe(made?.url)

  // View › the screens, and Settings… (the accounts and their connections).
  for (const [id, name] of [
    ['go.shares', 'Shares'],
    ['go.documents', 'Documents'],
    ['go.accounts', 'Accounts'],
    ['go.freights', 'Freights'],
    ['app.settings', 'Accounts'],
  ] as const) {
    await choose(host, id)
    await expect(heading(page, name)).toBeFocused()
  }

  // Help › Keyboard Shortcuts.
  await choose(host, 'help.shortcuts')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()

  // Every command the menu holds, on every platform, was chosen above.
  expect(menuCommands.length).toBeGreaterThan(10)
  expect([...chosen].sort()).toEqual(menuCommands)
})
