import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

/** `npm run bench [-- <group>]`: each `bench/*.bench.ts` file is one group; figures are recorded, never asserted. */
export default defineConfig({
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'shared') } },
  test: {
    include: ['bench/**/*.bench.ts'],
    environment: 'node',
    pool: 'forks',
    // Lets a benchmark collect garbage between measurements (globalThis.gc).
    execArgv: ['--expose-gc'],
    // One group at a time: groups running side by side would measure each other.
    fileParallelism: false,
    testTimeout: 15 * 60_000,
    hookTimeout: 5 * 60_000,
    globalSetup: ['bench/support/global-setup.ts'],
    passWithNoTests: true,
  },
})
