import { afterAll, afterEach, beforeEach } from 'vitest'
import { runFileCleanups, runTestCleanups, testStarted } from './cleanup'

beforeEach(testStarted)
afterEach(runTestCleanups)
afterAll(runFileCleanups)
