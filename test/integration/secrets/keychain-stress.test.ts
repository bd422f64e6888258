/**
 * The secret store under overlapping calls on the real keychain: many callers write, read, list
 * and delete many accounts' entries at once for a few seconds, as the app does when sample data
 * is removed while the accounts screen lists the keychain. libsecret crashes the process when a
 * listing meets an entry deleted under it, so this test's process surviving is the first check;
 * then every call must have settled with the value it should, and the keychain must hold exactly
 * what the callers left. It runs on both native bindings (keytar and @napi-rs/keyring) and prints
 * what each got through, so the choice between them rests on figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { keychainBackendNames } from '../../../electron/main/secrets/keychain-backends'
import {
  createSecretStore,
  secretKinds,
  type SecretKind,
} from '../../../electron/main/secrets/secret-store'
import {
  keychainEntries,
  requireKeychain,
  sweepKeychain,
  testSecretService,
} from '../../support/keychain'
import { createRecordingLogger } from '../../support/recording-logger'

const owners = 8
const accountsPerOwner = 2
const listers = 4
const runForMs = 3_000

/** What an owner's account holds after its last round: even rounds keep two kinds, odd none. */
function keptKinds(round: number): SecretKind[] {
  return round % 2 === 0 ? ['spotgo.api-key', 'transeu.tokens'] : []
}

describe.each(keychainBackendNames)(
  'the secret store under overlapping calls through %s',
  (backend) => {
    const service = testSecretService()
    const store = createSecretStore({ service, log: createRecordingLogger(), backend })

    beforeAll(() => requireKeychain(backend))
    afterAll(() => sweepKeychain(service, backend))

    it('survives writers, readers, listers and deleters at once, and ends exactly as expected', async () => {
      const started = Date.now()
      const deadline = started + runForMs
      const wrongReads: string[] = []
      let settled = 0
      let listings = 0

      /** Owns its accounts: writes every kind, reads each back, then deletes all or some. */
      async function owner(index: number): Promise<{ ids: string[]; lastRound: number }> {
        const ids = Array.from({ length: accountsPerOwner }, (_, n) => `stress-${index}-${n}`)
        let round = 0
        for (; ; round++) {
          for (const id of ids) {
            await Promise.all(
              secretKinds.map((kind) => store.set(id, kind, `${id}:${kind}:${round}`)),
            )
            const values = await Promise.all(secretKinds.map((kind) => store.get(id, kind)))
            values.forEach((value, k) => {
              if (value !== `${id}:${secretKinds[k]}:${round}`) wrongReads.push(`${id} ${value}`)
            })
            const kept = keptKinds(round)
            if (kept.length === 0) await store.deleteAll(id)
            else {
              await Promise.all(
                secretKinds
                  .filter((kind) => !kept.includes(kind))
                  .map((kind) => store.delete(id, kind)),
              )
            }
            settled += secretKinds.length * 2
          }
          if (Date.now() > deadline) return { ids, lastRound: round }
        }
      }

      /** Lists the whole service and reads entries of accounts it does not own, until the end. */
      async function lister(index: number): Promise<void> {
        while (Date.now() <= deadline) {
          const inventory = await store.inventory()
          listings++
          for (const [accountId, kinds] of inventory) {
            if (!accountId.startsWith('stress-')) wrongReads.push(`foreign ${accountId}`)
            for (const kind of kinds) if (!secretKinds.includes(kind)) wrongReads.push(kind)
          }
          const target = `stress-${(index + listings) % owners}-0`
          await store.get(target, secretKinds[listings % secretKinds.length]!)
          settled++
        }
      }

      const results = await Promise.all([
        ...Array.from({ length: owners }, (_, index) => owner(index)),
        ...Array.from({ length: listers }, (_, index) => lister(index).then(() => null)),
      ])

      expect(wrongReads).toEqual([])
      expect(listings).toBeGreaterThan(0)
      expect(settled).toBeGreaterThan(owners * accountsPerOwner * secretKinds.length)

      const expected = results
        .flatMap((result) =>
          result
            ? result.ids.flatMap((id) =>
                keptKinds(result.lastRound).map((kind) => ({
                  account: `${id}/${kind}`,
                  password: `${id}:${kind}:${result.lastRound}`,
                })),
              )
            : [],
        )
        .sort((a, b) => a.account.localeCompare(b.account))
      const seconds = (Date.now() - started) / 1000
      // The figures the choice between the bindings rests on.
      console.info(
        `keychain stress through ${backend}: ${settled} calls settled and ${listings} listings ` +
          `in ${seconds.toFixed(1)} s (${Math.round(settled / seconds)} calls/s), ` +
          `${wrongReads.length} wrong reads`,
      )
      const left = (await keychainEntries(service, backend)).sort((a, b) =>
        a.account.localeCompare(b.account),
      )
      expect(left).toEqual(expected)
      const inventory = await store.inventory()
      expect(
        [...inventory].flatMap(([id, kinds]) => [...kinds].map((kind) => `${id}/${kind}`)).sort(),
      ).toEqual(expected.map((entry) => entry.account))
    })
  },
)
