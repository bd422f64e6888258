import { defineConfig } from '@playwright/test'
import { dispatcherSettings } from './test/e2e/dispatcher'

/** Debian's Chromium; Playwright's own browser download is never used (no internet on build machines). */
export const chromiumPath = process.env.FREIGHTDESK_CHROMIUM ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  // The docs' screenshots are made on request (`npm run screenshots`), not by `npm test`.
  testIgnore: process.env.FREIGHTDESK_SCREENSHOTS ? [] : ['**/screenshots.spec.ts'],
  // Builds the seeded cache the grid tests copy (test/e2e/global-setup.ts).
  globalSetup: './test/e2e/global-setup.ts',
  // The `@shared/*` paths, for tests that compute expectations with the shared code.
  tsconfig: './tsconfig.test.json',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // Upper bounds for states the tests wait on, generous enough for a machine whose cores are
  // busy with other work: a passing step never waits for them, a broken one fails at them.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    // One dispatcher's locale and zone on every machine (test/e2e/dispatcher.ts).
    locale: dispatcherSettings.locale,
    timezoneId: dispatcherSettings.timeZone,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    },
  },
})
