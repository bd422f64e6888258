/** Tests that run `out/` refuse a build older than the sources. */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { sourceStamp, staleBuildReason, stampFile } from '../../../build/source-stamp'
import { makeTempDir } from '../../support/temp-dir'

let temp: ReturnType<typeof makeTempDir>
beforeEach(() => {
  temp = makeTempDir('freightdesk-stamp-')
  mkdirSync(path.join(temp.dir, 'electron/main'), { recursive: true })
  mkdirSync(path.join(temp.dir, 'out'))
  writeFileSync(path.join(temp.dir, 'electron/main/a.ts'), 'export const a = 1\n')
})
afterEach(() => temp.remove())

function writeStamp(): void {
  writeFileSync(path.join(temp.dir, stampFile), JSON.stringify({ sources: sourceStamp(temp.dir) }))
}

it('accepts a build made from the sources as they are', () => {
  writeStamp()
  expect(staleBuildReason(temp.dir)).toBeNull()
})

it('refuses a build when a source changed, was added, or the stamp is missing', () => {
  expect(staleBuildReason(temp.dir)).toMatch(/missing/)
  writeStamp()
  writeFileSync(path.join(temp.dir, 'electron/main/a.ts'), 'export const a = 2\n')
  expect(staleBuildReason(temp.dir)).toMatch(/older than the sources/)
  writeStamp()
  writeFileSync(path.join(temp.dir, 'electron/main/b.ts'), 'export const b = 1\n')
  expect(staleBuildReason(temp.dir)).toMatch(/older than the sources/)
})
