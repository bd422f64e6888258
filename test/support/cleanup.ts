/**
 * Cleanups the runner does: what a test started is closed after that test, what a file started
 * in `beforeAll` after the file (test/support/vitest-setup.ts registers the hooks). Imports
 * nothing, so every test file can load it cheaply.
 */
import { expect } from 'vitest'

type Cleanup = () => void | Promise<void>

const afterTest: Cleanup[] = []
const afterFile: Cleanup[] = []

/** Runs `cleanup` when the current test ends, or, outside a test, when the file ends. */
export function cleanUpLater(cleanup: Cleanup): void {
  const inTest = expect.getState().currentTestName !== undefined
  ;(inTest ? afterTest : afterFile).push(cleanup)
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

export const runTestCleanups = () => runAll(afterTest)
export const runFileCleanups = () => runAll(afterFile)
