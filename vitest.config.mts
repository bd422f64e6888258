import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'shared') } },
  test: {
    // Pure unit tests; integration tests (keychain, simulators, the build); and the contract
    // tests that hold the clients to the providers' documentation. `npm run test:unit` and
    // `npm run test:integration` run the tiers on their own.
    include: [
      'test/unit/**/*.test.ts',
      'test/integration/**/*.test.ts',
      'test/contract/**/*.test.ts',
    ],
    environment: 'node',
    // Closes the cores and hosts tests started (test/support/cleanup.ts).
    setupFiles: ['test/support/vitest-setup.ts'],
    // Native modules (better-sqlite3, keytar) are safest in child processes rather than threads.
    pool: 'forks',
    // Upper bounds, generous enough for a machine whose cores are busy with other work.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
