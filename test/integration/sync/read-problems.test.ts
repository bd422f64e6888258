/**
 * What a sync could not read, end to end under the router: a SpotGo simulator sends some freights
 * bent (an unknown trailer type and an undocumented key with a phone number, or a price as text)
 * and some broken (no id). The run stores what it can, counts the rest, keeps each item with its
 * reasons for the account's status, and copies a masked diagnostic; the next run that reads the
 * lists replaces them, a failed one does not.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { ClipboardContent } from '../../../electron/main/services/shares'
import type { SpotGoSimulator } from '../../support/simulators'
import { requireKeychain } from '../../support/keychain'
import { spotgoSimulator } from '../../support/simulators'
import { syncAccount } from '../../support/sync-run'
import { startTestCore } from '../../support/test-core'
import { addSpotGoAccount } from '../../support/test-accounts'

const anchor = '2026-03-02T09:00:00Z'
beforeAll(() => requireKeychain())

const newCore = (clipboard: ClipboardContent[]) =>
  startTestCore({ ports: { writeClipboard: (content) => void clipboard.push(content) } })
const sync = syncAccount

type Served = Record<string, unknown> & { id: unknown }

/** Every freight the simulator serves now, read over HTTP as a second, independent client. */
async function served(sim: SpotGoSimulator): Promise<Served[]> {
  const items: Served[] = []
  for (let page = 1; ; page++) {
    const response = await fetch(`${sim.baseUrl}/api/v1/freights?pageSize=100&page=${page}`, {
      headers: { 'x-api-key': sim.credentials.apiKey },
    })
    const body = (await response.json()) as { items: Served[]; totalCount: number }
    items.push(...body.items)
    if (page * 100 >= body.totalCount) return items
  }
}

/** What the simulator bent: an unknown trailer type with a phone number, or a price as text. */
function kindOf(item: Served): 'broken' | 'phone' | 'price-as-text' | 'plain' {
  if (item.id === null) return 'broken'
  if ('driverPhone' in item) return 'phone'
  const payment = item.payment as { from?: unknown } | null
  return typeof payment?.from === 'string' ? 'price-as-text' : 'plain'
}

describe('items a sync could not read', () => {
  it('are stored where they can be, counted, listed with reasons and copied masked', async () => {
    const clipboard: ClipboardContent[] = []
    const app = newCore(clipboard)
    const sim = await spotgoSimulator({ seed: 57, freights: 60, anchor })
    sim.faults.set({ oddItemRate: 0.25, unreadableItemRate: 0.1 })
    const account = await addSpotGoAccount(app, sim)
    const sent = await served(sim)
    const broken = sent.filter((item) => kindOf(item) === 'broken')
    const bent = sent.filter((item) => ['phone', 'price-as-text'].includes(kindOf(item)))
    expect(broken.length).toBeGreaterThan(0)
    expect(sent.filter((item) => kindOf(item) === 'phone').length).toBeGreaterThan(0)
    expect(sent.filter((item) => kindOf(item) === 'price-as-text').length).toBeGreaterThan(0)

    const run = await sync(app, account.id)
    // Items without an id cannot be placed: the run cannot vouch for the list, so it is partial.
    expect(run).toMatchObject({
      outcome: 'partial',
      rejected: broken.length,
      readInPart: bent.length,
      inserted: sent.length - broken.length,
    })
    expect(run.error).toMatch(/could not read/)

    const [status] = (await app.call('connectivity.get')).filter(
      (entry) => entry.accountId === account.id,
    )
    expect(status?.readProblems).toEqual({ notRead: broken.length, readInPart: bent.length })

    const report = await app.call('sync.readProblems', { accountId: account.id })
    expect(report).toMatchObject({
      runId: run.id,
      syncedAt: run.finishedAt,
      counts: { notRead: broken.length, readInPart: bent.length },
      notListed: 0,
    })
    const notRead = report.items.filter((item) => item.kind === 'not_read')
    expect(notRead).toHaveLength(broken.length)
    for (const item of notRead) {
      expect(item).toMatchObject({ list: 'spotgo', providerId: null })
      expect(item.reasons).toEqual(['id: expected a string, got null'])
    }
    const inPart = report.items.filter((item) => item.kind === 'read_in_part')
    expect(inPart.map((item) => item.providerId).sort()).toEqual(
      bent.map((item) => String(item.id)).sort(),
    )
    for (const source of bent) {
      const item = inPart.find((each) => each.providerId === source.id)!
      if (kindOf(source) === 'phone') {
        const trailers = (source.requirements as { trailerTypes: number[] }).trailerTypes
        expect(item.reasons).toEqual([
          `requirements.trailerTypes[${trailers.length - 1}]: unknown value: 99`,
          'driverPhone: not in the documentation (kept in the raw payload)',
        ])
      } else {
        const from = (source.payment as { from: string }).from
        expect(item.reasons).toEqual([`payment.from: a number sent as text (text "${from}")`])
      }
    }

    // Read in part, still stored: the price sent as text is read, the payload kept whole.
    const page = await app.call('freights.query', {
      accountIds: [account.id],
      limit: 100,
      columns: ['providerId'],
    })
    expect(page.total).toBe(sent.length - broken.length)
    for (const source of bent) {
      const row = page.rows.find((each) => each.providerId === source.id)!
      const { freight, readIssues } = await app.call('freights.get', { id: row.id })
      expect(freight.raw).toEqual(source)
      // The detail says what could not be read of it.
      expect(readIssues).toEqual(inPart.find((item) => item.providerId === source.id)?.reasons)
      if (kindOf(source) === 'price-as-text') {
        expect(freight.price?.value).toBe(Number((source.payment as { from: string }).from))
      }
    }

    // The diagnostic: reasons and items as sent, with e-mail addresses, phones and keys masked.
    const copied = await app.call('sync.copyDiagnostic', { accountId: account.id })
    expect(copied).toEqual({ copied: true, items: broken.length + bent.length })
    const text = clipboard.at(-1)?.text ?? ''
    for (const item of report.items) {
      for (const reason of item.reasons) expect(text).toContain(reason)
    }
    expect(text).toContain('"id": null')
    expect(text).toContain('"driverPhone": "[phone removed]"')
    expect(text).toContain('"owner": "[e-mail removed]"')
    expect(text).not.toContain('+48 601 234 567')
    expect(text).not.toContain(sim.credentials.ownerEmail)
    expect(text).not.toContain(sim.credentials.apiKey)
    expect(clipboard.at(-1)?.html.startsWith('<pre>')).toBe(true)

    // A failed run does not replace what the last reading run found.
    await sim.faults.goOffline()
    expect((await sync(app, account.id)).outcome).toBe('failed')
    expect((await app.call('sync.readProblems', { accountId: account.id })).runId).toBe(run.id)
    await sim.faults.goOnline()

    // The next run that reads the lists does.
    sim.faults.set({ oddItemRate: 0, unreadableItemRate: 0 })
    const clean = await sync(app, account.id)
    expect(clean).toMatchObject({ outcome: 'completed', rejected: 0, readInPart: 0 })
    const fine = page.rows.find((each) => each.providerId === bent[0]!.id)!
    expect((await app.call('freights.get', { id: fine.id })).readIssues).toBeUndefined()
    const after = await app.call('sync.readProblems', { accountId: account.id })
    expect(after).toMatchObject({
      runId: clean.id,
      counts: { notRead: 0, readInPart: 0 },
      items: [],
    })
    expect(
      (await app.call('connectivity.get')).find((entry) => entry.accountId === account.id)
        ?.readProblems,
    ).toEqual({ notRead: 0, readInPart: 0 })
  })

  it('refuses an account that does not exist', async () => {
    const app = newCore([])
    const failure = await app.failure('sync.readProblems', { accountId: 'nobody' })
    expect(failure.code).toBe('not_found')
  })
})
