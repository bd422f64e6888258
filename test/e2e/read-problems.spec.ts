/**
 * What a sync could not read, as the dispatcher meets it: the real renderer in Chromium, the web
 * host's real services and keychain, and a SpotGo simulator that sends some freights without an
 * id and some with values SpotGo does not document. The account's status says how many; the
 * details list each with its reason; Copy diagnostic puts the reasons and the items on the
 * clipboard with e-mail addresses and phone numbers masked.
 */
import { startSpotGoSimulator } from '../../electron/main/simulators/spotgo/server'
import {
  expect,
  invokeOn,
  readHostClipboard,
  test as base,
  withKeychainHost,
  type KeychainHost,
} from './fixtures'
import { showAllDates } from './grid-helpers'

const test = base.extend<{ syncHost: KeychainHost }>({
  // eslint-disable-next-line no-empty-pattern
  syncHost: ({}, use) => withKeychainHost(['--no-sync'], use),
})

type Served = {
  id: unknown
  externalNumber: string
  driverPhone?: string
  payment?: { from: unknown } | null
}

test('an account shows what its sync could not read, and copies a masked diagnostic', async ({
  page,
  syncHost: host,
}) => {
  const sim = await startSpotGoSimulator({
    seed: 88,
    freights: 40,
    anchor: '2026-03-02T09:00:00Z',
  })
  try {
    sim.faults.set({ oddItemRate: 0.2, unreadableItemRate: 0.1 })
    const account = await invokeOn<{ id: string }>(host, 'accounts.add', {
      provider: 'spotgo',
      name: 'Depot Poznań',
      environment: 'custom',
      baseUrl: sim.baseUrl,
      ownerEmail: sim.credentials.ownerEmail,
      apiKey: sim.credentials.apiKey,
    })
    // What the simulator sends, read by the test itself: which items are broken, which bent.
    const { items } = (await (
      await fetch(`${sim.baseUrl}/api/v1/freights?pageSize=100`, {
        headers: { 'x-api-key': sim.credentials.apiKey },
      })
    ).json()) as { items: Served[] }
    const broken = items.filter((item) => item.id === null).length
    const bentItems = items.filter(
      (item) => item.id !== null && (item.driverPhone || typeof item.payment?.from === 'string'),
    )
    const bent = bentItems.length
    expect(broken).toBeGreaterThan(0)
    expect(bent).toBeGreaterThan(0)

    await page.goto(host.url)
    const bar = page.getByRole('contentinfo', { name: 'Status' })
    const status = bar.getByTestId(`account-status-${account.id}`)
    await expect(status).toContainText('not synced yet')
    await bar.getByRole('button', { name: 'Sync now' }).click()
    await expect(status).toContainText('synced now', { timeout: 15_000 })

    // The account's status says how many.
    const problems = status.getByRole('button', {
      name: `${broken} not read, ${bent} read in part`,
    })
    await expect(problems).toBeVisible()
    await expect(status).toHaveAttribute('title', /could not read: \d+ not read, \d+ read in part/)
    await showAllDates(page)
    await expect(page.getByTestId('freight-count')).toHaveText(`${items.length - broken} freights`)

    // The details list each item with its reason.
    await problems.click()
    const dialog = page.getByRole('dialog', {
      name: 'What Freightdesk could not read from Depot Poznań',
    })
    await expect(dialog).toBeVisible()
    const listed = dialog.getByRole('list', { name: 'Items not read' }).locator(':scope > li')
    await expect(listed).toHaveCount(broken + bent)
    await expect(dialog.getByText('no usable ID')).toHaveCount(broken)
    await expect(dialog.getByText('id: expected a string, got null')).toHaveCount(broken)
    await expect(
      dialog.getByText('driverPhone: not in the documentation (kept in the raw payload)').first(),
    ).toBeVisible()

    // Copy diagnostic: focused, so Enter copies; the clipboard holds it, masked.
    const copy = dialog.getByRole('button', { name: 'Copy diagnostic' })
    await expect(copy).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(dialog.getByRole('status')).toContainText('is on the clipboard')
    await expect
      .poll(async () => (await readHostClipboard(host))?.text ?? '')
      .toContain('what a sync could not read')
    const text = (await readHostClipboard(host))?.text ?? ''
    expect(text).toContain(`Not read: ${broken}. Read in part: ${bent}.`)
    expect(text).toContain('id: expected a string, got null')
    expect(text).toContain('"driverPhone": "[phone removed]"')
    expect(text).toContain('[e-mail removed]')
    expect(text).not.toContain('+48 601 234 567')
    expect(text).not.toContain(sim.credentials.ownerEmail)
    expect(text).not.toContain(sim.credentials.apiKey)

    // Escape closes the details and gives focus back to where they were opened.
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
    await expect(problems).toBeFocused()

    // The freight's detail says what could not be read of it.
    const odd = bentItems.find((item) => item.driverPhone)!
    const search = page.getByRole('searchbox', { name: 'Search freights' })
    await search.fill(odd.externalNumber)
    await search.press('Enter')
    await expect(page.getByTestId('freight-count')).toHaveText('1 freight')
    await page
      .getByRole('grid', { name: 'Freights' })
      .locator('[role=row][data-freight-id]')
      .dblclick()
    const note = page
      .getByRole('note')
      .filter({ hasText: 'in a form its documentation does not describe' })
    await expect(note).toBeVisible()
    await expect(note).toContainText(
      'driverPhone: not in the documentation (kept in the raw payload)',
    )

    // A sync that reads everything clears the account's status.
    sim.faults.set({ oddItemRate: 0, unreadableItemRate: 0 })
    await bar.getByRole('button', { name: 'Sync now' }).click()
    await expect(problems).toBeHidden({ timeout: 15_000 })
  } finally {
    await sim.stop()
  }
})
