/**
 * Cleanups the runner does: what a test started is closed after that test, what a file started
 * in `beforeAll` after the file (test/support/vitest-setup.ts registers the hooks). Imports
 * nothing, so every test file can load it cheaply.
 */
type Cleanup = () => void | Promise<void>

const afterTest: Cleanup[] = []
const afterFile: Cleanup[] = []
// Set by the setup file's own beforeEach/afterEach: `expect.getState().currentTestName` still
// names the previous test in a later describe's `beforeAll`, which would close a file-long
// resource after the next test.
let inTest = false

/** Runs `cleanup` when the current test ends, or, outside a test, when the file ends. */
export function cleanUpLater(cleanup: Cleanup): void {
  ;(inTest ? afterTest : afterFile).push(cleanup)
}

export function testStarted(): void {
  inTest = true
}

async function runAll(list: Cleanup[]): Promise<void> {
  const errors: unknown[] = []
  for (const cleanup of list.splice(0).reverse()) {
    try {
      await cleanup()
    } catch (error) {
      errors.push(error)
    }
  }
  if (errors.length > 0) throw errors[0]
}

export function runTestCleanups(): Promise<void> {
  inTest = false
  return runAll(afterTest)
}
export const runFileCleanups = () => runAll(afterFile)
