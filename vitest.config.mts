import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'shared') } },
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // Native modules (better-sqlite3, keytar) are safest in child processes rather than threads.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
})
