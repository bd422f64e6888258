import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'shared') } },
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // Native modules (better-sqlite3, keytar) are safest in child processes rather than threads.
    pool: 'forks',
    // Upper bounds, generous enough for a machine whose cores are busy with other work.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
