/**
 * What ships with the app, read from the lockfile: no package in the production tree that npm
 * marks deprecated or unmaintained (the old spreadsheet library pulled several), one small zip
 * library for spreadsheets, and both keychain bindings the secret store can run on.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

interface LockedPackage {
  version?: string
  dev?: boolean
  devOptional?: boolean
  optional?: boolean
}

const root = path.resolve(__dirname, '../../..')
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockedPackage>
}

/** Every package installed for production use, as `name@version`. */
const production = Object.entries(lock.packages)
  .filter(([where, entry]) => where !== '' && !entry.dev && !entry.devOptional)
  .map(
    ([where, entry]) => `${where.slice(where.lastIndexOf('node_modules/') + 13)}@${entry.version}`,
  )

/** Packages npm reports as deprecated (or whose line is no longer maintained). */
const deprecated = [/^glob@[0-8]\./, /^inflight@/, /^rimraf@[0-3]\./, /^fstream@/, /^unzipper@0\./]

describe('production dependencies', () => {
  it('include none that npm marks deprecated', () => {
    expect(production.filter((name) => deprecated.some((pattern) => pattern.test(name)))).toEqual(
      [],
    )
  })

  it('write spreadsheets with a small zip library, not a whole spreadsheet library', () => {
    const names = production.map((name) => name.slice(0, name.lastIndexOf('@')))
    expect(names).toContain('fflate')
    expect(names).not.toContain('exceljs')
  })

  it('carry both keychain bindings the secret store can use', () => {
    const names = production.map((name) => name.slice(0, name.lastIndexOf('@')))
    expect(names).toEqual(expect.arrayContaining(['keytar', '@napi-rs/keyring']))
  })
})
