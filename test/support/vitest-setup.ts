import { afterAll, afterEach } from 'vitest'
import { runFileCleanups, runTestCleanups } from './cleanup'

afterEach(runTestCleanups)
afterAll(runFileCleanups)
