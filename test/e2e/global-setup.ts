/**
 * Builds the seeded cache the grid tests start from, once per run: a few thousand generated
 * freights stored by the app's own cache code. The cache code imports its SQL migrations as
 * `?raw` modules, so it is loaded through Vite's module runner, as the build loads it. Each test
 * copies the file into its own data folder.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { runnerImport } from 'vite'
import { builtFile } from '../support/fresh-build'
import type * as SeededCacheModule from '../support/seeded-cache'

const root = path.resolve(__dirname, '../..')

/** Where the seeded cache and its oracle entries are, for the fixtures. */
export const seedEnv = 'FREIGHTDESK_E2E_SEED_DIR'

export const seedOptions = {
  count: 3000,
  seed: 8,
  goneEvery: 40,
  hiddenEvery: 50,
  seenEvery: 3,
  noteEvery: 97,
  late: 100,
} as const

export default async function globalSetup(): Promise<() => void> {
  // Every test runs the built web host and page: refuse a build older than the sources.
  builtFile('main/web-host.js')
  const dir = mkdtempSync(path.join(os.tmpdir(), 'freightdesk-e2e-seed-'))
  const { module } = await runnerImport<typeof SeededCacheModule>(
    path.join(root, 'test/support/seeded-cache.ts'),
    {
      configFile: false,
      root,
      logLevel: 'error',
      resolve: { alias: { '@shared': path.join(root, 'shared') } },
    },
  )
  const seeded = module.buildSeededCache(dir, seedOptions)
  writeFileSync(path.join(dir, 'entries.json'), JSON.stringify(seeded.entries))
  process.env[seedEnv] = dir
  return () => rmSync(dir, { recursive: true, force: true })
}
