/**
 * Share links end to end: the real renderer in Chromium, the web host's real services, accounts
 * in the real keychain (a service name of this test, swept afterwards), and the SpotGo and Crego
 * simulators started here on real time. SpotGo freights reach the cache through the real client
 * and cache code (as a sync would); the clipboard is read back through the host's token-guarded
 * `GET /host/clipboard`.
 */
import path from 'node:path'
import type { Page } from '@playwright/test'
import { runnerImport } from 'vite'
import type { Account } from '@shared/domain/account'
import type { Share } from '@shared/domain/shares'
import { startSimulators, type Simulators } from '../../electron/main/simulators'
import type * as ShareSeed from '../support/share-seed'
import type { CachedFreights } from '../support/share-seed'
import {
  expect,
  invokeOn,
  readHostClipboard as clipboard,
  test as base,
  type RunningHost,
  withKeychainHost,
} from './fixtures'
import { dispatcherFormat } from './dispatcher'
import { openGrid, showAllDates } from './grid-helpers'

const root = path.resolve(__dirname, '../..')

interface ShareWorld {
  host: RunningHost
  sims: Simulators
  spotgo: Account
  crego: Account
  freights: CachedFreights
}

let seedModule: typeof ShareSeed | null = null

async function shareSeed(): Promise<typeof ShareSeed> {
  seedModule ??= (
    await runnerImport<typeof ShareSeed>(path.join(root, 'test/support/share-seed.ts'), {
      configFile: false,
      root,
      logLevel: 'error',
      resolve: { alias: { '@shared': path.join(root, 'shared') } },
    })
  ).module
  return seedModule
}

const test = base.extend<{ world: ShareWorld }>({
  // eslint-disable-next-line no-empty-pattern
  world: ({}, use) =>
    withKeychainHost([], async (host) => {
      const sims = await startSimulators({
        seed: 19,
        spotgoFreights: 6,
        transeuFreights: 2,
        documents: 12,
      })
      try {
        const spotgo = await invokeOn<Account>(host, 'accounts.add', {
          provider: 'spotgo',
          name: 'SpotGo Kraków',
          environment: 'custom',
          baseUrl: sims.spotgo.baseUrl,
          ownerEmail: sims.spotgo.credentials.ownerEmail,
          apiKey: sims.spotgo.credentials.apiKey,
        })
        const crego = await invokeOn<Account>(host, 'accounts.add', {
          provider: 'crego',
          name: 'Crego documents',
          environment: 'custom',
          baseUrl: sims.crego.baseUrl,
          credentials: {
            signInMethod: 'password',
            username: sims.crego.credentials.username,
            password: sims.crego.credentials.password,
          },
        })
        const freights = await (
          await shareSeed()
        ).cacheProviderFreights({
          dataDir: host.dataDir,
          spotgo: {
            accountId: spotgo.id,
            baseUrl: sims.spotgo.baseUrl,
            apiKey: sims.spotgo.credentials.apiKey,
          },
          transeuFreights: 2,
        })
        await use({ host, sims, spotgo, crego, freights })
      } finally {
        await sims.stop()
      }
    }),
})

async function openApp(page: Page, world: ShareWorld): Promise<void> {
  await openGrid(page, world.host)
  const total = world.freights.spotgo.length + world.freights.transeu.length
  await expect(page.getByTestId('freight-count')).toHaveText(`${total} freights`)
}

const row = (page: Page, id: number) => page.locator(`[data-freight-id="${id}"]`)

test('shares two SpotGo freights: Trans.eu explained, Enter copies, the link opens', async ({
  page,
  world,
}) => {
  const [first, second] = world.freights.spotgo
  const [transeu] = world.freights.transeu
  await openApp(page, world)
  await row(page, first!.id).click()
  await row(page, second!.id).click({ modifiers: ['Control'] })
  await row(page, transeu!.id).click({ modifiers: ['Control'] })
  await expect(page.getByTestId('selected-count')).toHaveText('3 selected')
  await page.keyboard.press('Control+Shift+S')

  const dialog = page.getByRole('dialog', { name: 'Share freights' })
  await expect(dialog.getByRole('heading', { name: 'Will be shared (2)' })).toBeVisible()
  const included = dialog.getByTestId('share-included')
  await expect(included.getByRole('listitem')).toHaveCount(2)
  await expect(included).toContainText(first!.reference)
  await expect(included).toContainText(second!.reference)
  await expect(dialog.getByTestId('share-excluded')).toContainText(`${transeu!.reference}: `)
  await expect(dialog.getByTestId('share-excluded')).toContainText(
    'Trans.eu offers no share links, so it cannot be shared from here.',
  )
  await expect(dialog.getByLabel('Owner e-mail')).toHaveValue(
    world.sims.spotgo.credentials.ownerEmail,
  )
  // The chosen preset has the focus; arrows move between presets.
  await expect(dialog.getByLabel('24 hours')).toBeFocused()
  await dialog.getByLabel('8 hours').check()
  await dialog.getByRole('button', { name: 'Create and copy' }).click()

  const result = page.getByRole('dialog', { name: 'Share link created' })
  const url = await result.getByLabel('Link').inputValue()
  // SpotGo's documented form: `<app host>/public/freights?token=<token>`.
  expect(url.startsWith(`${world.sims.spotgo.baseUrl}/public/freights?token=`)).toBe(true)
  await expect(result).toContainText('Shows 2 freights until')
  await expect(result.getByTestId('share-countdown')).toHaveText(/^in (7 hrs? 59 mins?|8 hrs?)$/)
  // Made and copied in one step.
  await expect(result.getByText('The link is on the clipboard.')).toBeVisible()
  await expect.poll(async () => (await clipboard(world.host))?.text).toBe(url)
  const copied = await clipboard(world.host)
  expect(copied?.html).toBe(
    `<a href="${url}">Freights ${first!.reference}, ${second!.reference}</a>`,
  )

  // The web host has no system browser: the page opens the link in a tab.
  const popupPromise = page.waitForEvent('popup')
  await result.getByRole('button', { name: 'Open in browser' }).click()
  const popup = await popupPromise
  await popup.waitForLoadState()
  expect(popup.url()).toBe(url)
  await expect(popup.getByRole('heading', { name: 'Shared freights' })).toBeVisible()
  await expect(popup.locator('body')).toContainText(first!.reference)
  await expect(popup.locator('body')).toContainText(second!.reference)
  await popup.close()
  await result.getByRole('button', { name: 'Done' }).click()
  await expect(result).toBeHidden()

  // The history has it, with a live countdown; Copy again writes the same link.
  await page.keyboard.press('Control+2')
  const history = page.getByRole('table', { name: 'Share history' })
  const entry = history.getByRole('row', {
    name: `Freights ${first!.reference}, ${second!.reference}`,
  })
  await expect(entry).toContainText('SpotGo')
  await expect(entry).toContainText(url)
  await expect(entry).toContainText('Active')
  await expect(entry.getByTestId('countdown')).toHaveText(/^in (7 hrs? 59 mins?|8 hrs?)/)
  const copiedToast = page.getByRole('status').getByText('Link copied to the clipboard.').last()
  await expect(copiedToast).toBeHidden()
  await entry.getByRole('button', { name: /^Copy link/ }).click()
  await expect(page.getByRole('status').getByText('Link copied to the clipboard.')).toBeVisible()
  expect((await clipboard(world.host))?.text).toBe(url)
})

test('offline keeps the form filled and says the link needs SpotGo; a refused expiry shows on its field', async ({
  page,
  world,
}) => {
  const [first] = world.freights.spotgo
  await openApp(page, world)
  await row(page, first!.id).click()
  await page.getByRole('button', { name: 'Share…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Share freights' })
  await dialog.getByLabel('Custom').check()
  await dialog.getByRole('spinbutton', { name: 'Days' }).fill('31')
  await dialog.getByRole('spinbutton', { name: 'Hours' }).fill('0')
  await dialog.getByRole('button', { name: 'Create and copy' }).click()
  // SpotGo allows at most 30 days: its validation error lands on the expiry.
  await expect(dialog.getByText('A link may live at most 30 days').first()).toBeVisible()
  await expect(dialog.getByRole('spinbutton', { name: 'Days' })).toHaveAttribute(
    'aria-invalid',
    'true',
  )
  await expect(dialog.getByRole('spinbutton', { name: 'Days' })).toBeFocused()

  await dialog.getByRole('spinbutton', { name: 'Days' }).fill('2')
  await dialog.getByRole('spinbutton', { name: 'Hours' }).fill('3')
  await dialog.getByLabel('Owner e-mail').fill('dispatch@example.com')
  await world.sims.spotgo.faults.goOffline()
  await dialog.getByRole('button', { name: 'Create and copy' }).click()
  await expect(dialog.getByRole('alert')).toContainText(
    'The link needs SpotGo, and SpotGo cannot be reached right now. Your choices are kept',
  )
  await expect(dialog.getByLabel('Custom')).toBeChecked()
  await expect(dialog.getByRole('spinbutton', { name: 'Days' })).toHaveValue('2')
  await expect(dialog.getByRole('spinbutton', { name: 'Hours' })).toHaveValue('3')
  await expect(dialog.getByLabel('Owner e-mail')).toHaveValue('dispatch@example.com')
  expect(await invokeOn<Share[]>(world.host, 'shares.list', {})).toEqual([])

  await world.sims.spotgo.faults.goOnline()
  await dialog.getByRole('button', { name: 'Create and copy' }).click()
  const result = page.getByRole('dialog', { name: 'Share link created' })
  await expect(result.getByTestId('share-countdown')).toHaveText(/^in 2 days [23] hrs?/)
  const stored = await invokeOn<Share[]>(world.host, 'shares.list', {})
  expect(stored).toHaveLength(1)
  const lifetime = Date.parse(stored[0]!.expiresAt) - Date.parse(stored[0]!.createdAt)
  expect(Math.abs(lifetime - (2 * 24 + 3) * 3_600_000)).toBeLessThan(5_000)
})

test('a Crego document: share, copy, extend, revoke with confirmation; the link then answers 410', async ({
  page,
  world,
}) => {
  await page.goto(world.host.url)
  await page.keyboard.press('Control+4')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Documents')
  const documents = page.getByRole('list', { name: 'Documents' })
  await expect(documents.getByRole('listitem')).toHaveCount(12)
  await documents.getByRole('button').first().click()
  const detail = page.locator('.documents__detail')
  await expect(detail.getByRole('heading', { level: 2 })).toBeVisible()
  const name = (await detail.getByRole('heading', { level: 2 }).textContent())!
  await expect(detail).toContainText('No links yet.')

  // The same expiry presets as freights; Create and copy is one step.
  await detail.getByRole('radio', { name: '24 hours' }).check()
  await detail.getByRole('button', { name: 'Create and copy' }).click()
  const url = await detail.getByLabel('New link').inputValue()
  expect(url).toMatch(new RegExp(`^${world.sims.crego.baseUrl}/shares/.+/preview/$`))
  await expect.poll(async () => (await clipboard(world.host))?.text).toBe(url)
  expect((await fetch(url)).status).toBe(200)

  const links = detail.getByRole('table', { name: 'Links to this document' })
  await expect(links.getByRole('row')).toHaveCount(2)
  await links.getByRole('button', { name: 'Extend' }).click()
  const extend = page.getByRole('dialog', { name: 'Change the expiry' })
  await extend.getByRole('radio', { name: 'Custom' }).check()
  await extend.getByRole('spinbutton', { name: 'Days' }).fill('5')
  await extend.getByRole('spinbutton', { name: 'Hours' }).fill('0')
  await extend.getByRole('spinbutton', { name: 'Minutes' }).fill('0')
  const asked = Date.now()
  await extend.getByRole('button', { name: 'Change expiry' }).click()
  await expect(extend).toBeHidden()
  const [extended] = await invokeOn<Share[]>(world.host, 'shares.list', {})
  expect(extended!.url).toBe(url)
  const fiveDays = 5 * 86_400_000
  expect(Date.parse(extended!.expiresAt)).toBeGreaterThanOrEqual(asked + fiveDays - 60_000)
  expect(Date.parse(extended!.expiresAt)).toBeLessThanOrEqual(Date.now() + fiveDays + 60_000)
  await expect(links).toContainText(dispatcherFormat.dateTime(extended!.expiresAt))

  await links.getByRole('button', { name: 'Revoke' }).click()
  const confirm = page.getByRole('dialog', { name: 'Revoke this link?' })
  await expect(confirm.getByRole('button', { name: 'Keep the link' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(confirm).toBeHidden()
  expect((await fetch(url)).status).toBe(200)
  await links.getByRole('button', { name: 'Revoke' }).click()
  await confirm.getByRole('button', { name: 'Revoke link' }).click()
  await expect(confirm).toBeHidden()
  expect((await fetch(url)).status).toBe(410)

  await page.keyboard.press('Control+2')
  const history = page.getByRole('table', { name: 'Share history' })
  const entry = history.getByRole('row', { name })
  await expect(entry).toContainText('Revoked')
  await page.getByLabel('Show').selectOption('active')
  await expect(page.getByText('No active links.')).toBeVisible()
  await page.getByLabel('Show').selectOption('revoked')
  await expect(history.getByRole('row')).toHaveCount(2)
})

test('a link that expires is shown as expired, kept in the history, and answers 410', async ({
  page,
  world,
}) => {
  const documents = await invokeOn<{ documents: Array<{ providerId: string; name: string }> }>(
    world.host,
    'documents.list',
    { accountId: world.crego.id },
  )
  const document = documents.documents[0]!
  // Long enough for the history to show it active first, also on a busy machine.
  const share = await invokeOn<Share>(world.host, 'shares.createDocumentLink', {
    accountId: world.crego.id,
    documentId: document.providerId,
    expiresAt: new Date(Date.now() + 20_000).toISOString(),
  })
  await page.goto(world.host.url)
  await page.keyboard.press('Control+2')
  const entry = page.getByRole('table', { name: 'Share history' }).getByRole('row', {
    name: document.name,
  })
  await expect(entry).toContainText('Active')
  await expect(entry).toContainText('Expired', { timeout: 40_000 })
  await expect(entry.getByTestId('countdown')).toHaveText(/^expired \d+ secs? ago$/)
  expect((await fetch(share.url)).status).toBe(410)
  await page.getByLabel('Show').selectOption('expired')
  await expect(entry).toBeVisible()
  await page.getByLabel('Show').selectOption('active')
  await expect(page.getByText('No active links.')).toBeVisible()
})

test('the freight detail shares the freight and the documents tagged with its reference', async ({
  page,
  world,
}) => {
  // A SpotGo freight that has Crego documents (the scenario tags documents with references).
  let chosen: { id: number; names: string[] } | null = null
  for (const freight of world.freights.spotgo) {
    const found = await invokeOn<{ documents: Array<{ name: string }> }>(
      world.host,
      'documents.forFreight',
      { freightId: freight.id },
    )
    if (found.documents.length > 0) {
      chosen = { id: freight.id, names: found.documents.map((document) => document.name) }
      break
    }
  }
  expect(chosen, 'the scenario has a SpotGo freight with documents').not.toBeNull()
  await openApp(page, world)
  await row(page, chosen!.id).dblclick()
  const detail = page.getByRole('complementary', { name: /.+/ })
  const documents = detail.getByRole('list', { name: 'Documents of this freight' })
  await expect(documents.getByRole('listitem')).toHaveCount(chosen!.names.length)
  for (const name of chosen!.names) await expect(documents).toContainText(name)

  // A link made elsewhere for another freight is not this freight's; one that shows it with
  // another freight is.
  const other = world.freights.spotgo.find((freight) => freight.id !== chosen!.id)!
  const expiry = { kind: 'preset', preset: '8h' }
  const ownerEmail = world.sims.spotgo.credentials.ownerEmail
  const made = (freightIds: number[]) =>
    invokeOn<Share>(world.host, 'shares.createFreightLink', {
      accountId: world.spotgo.id,
      freightIds,
      expiry,
      ownerEmail,
    })
  await made([other.id])
  const together = await made([other.id, chosen!.id])
  const freightLinks = detail.getByRole('list', { name: 'Links to this freight' })
  // Already open: the detail hears of links made meanwhile.
  await expect(freightLinks.getByRole('listitem')).toHaveCount(1)
  await expect(freightLinks.getByRole('listitem')).toHaveAttribute('data-share-id', together.id)
  await expect(freightLinks).toContainText('Active until')
  await expect(freightLinks).toContainText('with 1 other freight')

  await detail.getByRole('button', { name: 'Share this freight…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Share freights' })
  await expect(dialog.getByTestId('share-included').getByRole('listitem')).toHaveCount(1)
  // Escape closes the dialog only; the detail stays open.
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(detail).toBeVisible()
  await detail.getByRole('button', { name: 'Share this freight…' }).click()
  await dialog.getByLabel('2 hours').check()
  await dialog.getByRole('button', { name: 'Create and copy' }).click()
  const result = page.getByRole('dialog', { name: 'Share link created' })
  const freightUrl = await result.getByLabel('Link').inputValue()
  await result.getByRole('button', { name: 'Done' }).click()
  // Newest first: the link just made, then the one shared with another freight.
  await expect(freightLinks.getByRole('listitem')).toHaveCount(2)
  await expect(freightLinks.getByRole('listitem').first()).toContainText(
    /until .* \(in (1 hrs? 59 mins?|2 hrs?)\)/,
  )
  await expect(freightLinks.getByRole('listitem').nth(1)).toHaveAttribute(
    'data-share-id',
    together.id,
  )
  await freightLinks.getByRole('listitem').first().getByRole('button', { name: /^Copy/ }).click()
  await expect.poll(async () => (await clipboard(world.host))?.text).toBe(freightUrl)
  const copiedToast = page.getByRole('status').getByText('Link copied to the clipboard.').last()
  await expect(copiedToast).toBeVisible()
  await expect(copiedToast).toBeHidden()

  await documents.getByRole('button', { name: 'Share…' }).first().click()
  const documentDialog = page.getByRole('dialog', { name: `Document ${chosen!.names[0]}` })
  await documentDialog.getByRole('button', { name: 'Create and copy' }).click()
  const url = await documentDialog.getByLabel('New link').inputValue()
  await expect.poll(async () => (await clipboard(world.host))?.text).toBe(url)
  expect((await fetch(url)).status).toBe(200)
  await documentDialog.getByRole('button', { name: 'Close', exact: true }).click()

  // The document's link is listed next to it, from the share history.
  const documentLinks = documents.getByRole('list', { name: `Links to ${chosen!.names[0]}` })
  await expect(documentLinks.getByRole('listitem')).toHaveCount(1)
  await expect(documentLinks).toContainText('Active until')
  await documentLinks.getByRole('button', { name: /^Copy/ }).click()
  await expect.poll(async () => (await clipboard(world.host))?.text).toBe(url)
})

test('a revoked document link is never offered for Copy; an extended one shows its new expiry', async ({
  page,
  world,
}) => {
  // A SpotGo freight with documents, so the link shows in the freight detail too.
  let chosen: { id: number; document: { providerId: string; name: string } } | null = null
  for (const freight of world.freights.spotgo) {
    const found = await invokeOn<{ documents: Array<{ providerId: string; name: string }> }>(
      world.host,
      'documents.forFreight',
      { freightId: freight.id },
    )
    if (found.documents[0]) {
      chosen = { id: freight.id, document: found.documents[0] }
      break
    }
  }
  expect(chosen, 'the scenario has a SpotGo freight with documents').not.toBeNull()
  const { document } = chosen!
  const share = await invokeOn<Share>(world.host, 'shares.createDocumentLink', {
    accountId: world.crego.id,
    documentId: document.providerId,
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  })

  await page.goto(world.host.url)
  await page.keyboard.press('Control+4')
  await page.getByRole('searchbox', { name: 'Search documents' }).fill(document.name)
  const listed = page.getByRole('list', { name: 'Documents' }).getByRole('button')
  await expect(listed).toHaveCount(1)
  await listed.click()
  const detail = page.locator('.documents__detail')
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText(document.name)
  const links = detail.getByRole('table', { name: 'Links to this document' })
  const linkRow = links.getByRole('row').filter({ hasText: share.url })
  await expect(linkRow).toContainText('Active')

  // Extended: the list shows the new expiry, read back from Crego.
  await linkRow.getByRole('button', { name: 'Extend' }).click()
  const extend = page.getByRole('dialog', { name: 'Change the expiry' })
  await extend.getByRole('radio', { name: '7 days' }).check()
  await extend.getByRole('button', { name: 'Change expiry' }).click()
  await expect(extend).toBeHidden()
  const [extended] = await invokeOn<Share[]>(world.host, 'shares.list', {})
  expect(Date.parse(extended!.expiresAt)).toBeGreaterThan(Date.parse(share.expiresAt))
  await expect(linkRow).toHaveAttribute('data-expires-at', extended!.expiresAt)

  // Revoked: shown as revoked, and Copy is offered nowhere.
  await linkRow.getByRole('button', { name: 'Revoke' }).click()
  await page
    .getByRole('dialog', { name: 'Revoke this link?' })
    .getByRole('button', {
      name: 'Revoke link',
    })
    .click()
  await expect(linkRow).toContainText('Revoked')
  await expect(linkRow.getByRole('button', { name: /Copy/ })).toHaveCount(0)

  await page.keyboard.press('Control+2')
  const entry = page.getByRole('table', { name: 'Share history' }).getByRole('row', {
    name: document.name,
  })
  await expect(entry).toContainText('Revoked')
  await expect(entry.getByRole('button', { name: /Copy/ })).toHaveCount(0)

  await page.keyboard.press('Control+1')
  await showAllDates(page)
  await page.locator(`[data-freight-id="${chosen!.id}"]`).dblclick()
  const documentLinks = page
    .getByRole('complementary')
    .getByRole('list', { name: `Links to ${document.name}` })
  await expect(documentLinks.getByRole('listitem')).toHaveCount(1)
  await expect(documentLinks).toContainText('Revoked')
  await expect(documentLinks.getByRole('button', { name: /Copy/ })).toHaveCount(0)
})
