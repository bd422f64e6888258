/** The detail panel: every field, the raw payload (collapsed), notes and tags that persist. */
import type { FreightDetail } from '@shared/domain/freight'
import { dispatcherFormat as format } from './dispatcher'
import { expect, test } from './fixtures'
import { expectCount, grid, openGrid, setFilterToggle } from './grid-helpers'

test('shows every field of a freight, its payload on demand, and keeps a note and tags', async ({
  page,
  seeded,
}) => {
  const { entries } = seeded
  // A Trans.eu freight with a price and two contacts, neither gone nor hidden.
  const entry = entries.find(
    (each) =>
      each.freight.provider === 'transeu' &&
      each.freight.price !== null &&
      each.freight.contacts.length === 2 &&
      each.freight.reference !== null &&
      !each.goneAt &&
      !each.hidden &&
      !each.seen,
  )!
  const freight = entry.freight
  await openGrid(page, seeded)
  await page.getByRole('searchbox', { name: 'Search freights' }).fill(freight.providerId)
  await page.getByRole('searchbox', { name: 'Search freights' }).press('Enter')
  await expectCount(page, 1)
  await grid(page).locator(`[data-freight-id="${entry.id}"]`).dblclick()

  const detail = page.getByRole('complementary', { name: freight.reference! })
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText(freight.reference!)
  const field = (section: string, label: string) =>
    detail
      .getByRole('region', { name: section, exact: true })
      .locator('.detail__field')
      .filter({ has: page.getByText(label, { exact: true }) })
      .locator('dd')
  await expect(field('Freight', 'Provider')).toHaveText('Trans.eu')
  await expect(field('Freight', 'Account')).toHaveText(entry.accountName)
  await expect(field('Freight', 'Provider ID')).toHaveText(freight.providerId)
  await expect(field('Freight', 'Status')).toContainText(freight.statusRaw)
  for (const [section, stop] of [
    ['Loading', freight.loading],
    ['Unloading', freight.unloading],
  ] as const) {
    await expect(field(section, 'Place')).toHaveText(stop.place.locality)
    await expect(field(section, 'Postal code')).toHaveText(stop.place.postalCode)
    await expect(field(section, 'From')).toHaveText(
      format.dateTime(stop.window.start, stop.window.timeZone),
    )
    await expect(field(section, 'Until')).toHaveText(
      format.dateTime(stop.window.end, stop.window.timeZone),
    )
    await expect(field(section, 'Time zone')).toHaveText(
      `${stop.window.timeZone} (${format.zoneName(stop.window.start, stop.window.timeZone)})`,
    )
  }
  await expect(field('Price', 'Price')).toHaveText(
    format.money(freight.price!.value, freight.price!.currency),
  )
  await expect(field('Price', 'Payment term')).toHaveText(`${freight.price!.paymentTermDays} days`)
  for (const contact of freight.contacts) {
    await expect(detail.getByRole('region', { name: 'Contacts', exact: true })).toContainText(
      contact.name,
    )
  }
  await expect(detail.getByRole('region', { name: 'Documents and share links' })).toBeVisible()

  // The raw payload is there but collapsed.
  const raw = detail.locator('details.detail__raw')
  await expect(raw).not.toHaveAttribute('open')
  await expect(raw.locator('pre')).toBeHidden()
  await raw.getByText('Raw provider payload').click()
  await expect(raw.locator('pre')).toBeVisible()
  const payload = JSON.parse((await raw.locator('pre').textContent())!) as Record<string, unknown>
  expect(payload.id).toBe(Number(freight.providerId))
  expect(payload.reference_number).toBe(freight.reference)

  // Opening marked it seen.
  await expect
    .poll(async () => {
      const got = await seeded.invoke<FreightDetail>('freights.get', { id: entry.id })
      return got.annotation.seen
    })
    .toBe(true)

  const note = 'Załadunek tylko rano; Tor 3 — bitte anrufen'
  await detail.getByLabel('Note', { exact: true }).fill(note)
  await detail.getByRole('button', { name: 'Save note' }).click()
  await expect(page.getByRole('status').getByText('Note saved.')).toBeVisible()
  await detail.getByLabel('Add a tag').fill('chłodnia')
  await detail.getByLabel('Add a tag').press('Enter')
  await expect(detail.getByRole('listitem').filter({ hasText: 'chłodnia' })).toBeVisible()

  const stored = await seeded.invoke<FreightDetail>('freights.get', { id: entry.id })
  expect(stored.annotation).toMatchObject({ note, tags: ['chłodnia'] })

  await page.reload()
  await expect(page.getByTestId('freight-count')).toHaveText(/freight/)
  await page.getByRole('searchbox', { name: 'Search freights' }).fill('chlodnia')
  await page.getByRole('searchbox', { name: 'Search freights' }).press('Enter')
  await expectCount(page, 1)
  await grid(page).locator(`[data-freight-id="${entry.id}"]`).dblclick()
  await expect(detail.getByLabel('Note', { exact: true })).toHaveValue(note)
  await expect(detail.getByRole('listitem').filter({ hasText: 'chłodnia' })).toBeVisible()

  // Hiding takes it out of the list (unless hidden freights are shown).
  await detail.getByRole('button', { name: 'Hide freight' }).click()
  await expectCount(page, 0)
  await setFilterToggle(page, 'Show hidden', true)
  await expectCount(page, 1)
  // Escape closes the topmost thing only: the filters list (when open), then the detail.
  if ((await page.getByRole('dialog', { name: 'More filters' }).count()) > 0) {
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog', { name: 'More filters' })).toBeHidden()
    await expect(detail).toBeVisible()
  }
  await page.keyboard.press('Escape')
  await expect(detail).toBeHidden()
})
