/**
 * electron-builder packs the built app for real, with the project's configuration, into an
 * unpacked folder (`--dir`, Linux). The Electron binary cannot be downloaded here, so a stand-in
 * binary carrying a fuse wire takes its place (`electronDist`), and the native modules are not
 * built again for Electron (`npmRebuild` off: that needs Electron's headers). What is checked is
 * what the installers are made from: the asar's contents, the native modules beside it, the fuses
 * flipped by the afterPack hook, and the update feed written into the app.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fuseConfig } from '../../../build/fuses.mjs'
import { writeIcons } from '../../../build/icons.mjs'
import { builtFile, projectRoot } from '../../support/fresh-build'
import { fuseCount, writeStandInElectronBinary } from '../../support/stand-in-electron-binary'
import { makeTempDir } from '../../support/temp-dir'

const require = createRequire(import.meta.url)
const asar = require('@electron/asar') as { listPackage(archive: string): string[] }

let temp: ReturnType<typeof makeTempDir>
let appDir: string
let files: string[]

beforeAll(() => {
  builtFile('main/index.js')
  temp = makeTempDir('freightdesk-pack-')
  const dist = path.join(temp.dir, 'electron-dist')
  mkdirSync(dist)
  writeStandInElectronBinary(path.join(dist, 'electron'))
  const icons = path.join(temp.dir, 'icons')
  writeIcons(icons)
  const output = path.join(temp.dir, 'out')
  execFileSync(
    process.execPath,
    [
      require.resolve('electron-builder/cli.js'),
      '--linux',
      'dir',
      '--config',
      'build/electron-builder.mjs',
      `-c.electronDist=${dist}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${output}`,
      `-c.linux.icon=${icons}`,
      '--publish',
      'never',
    ],
    {
      cwd: projectRoot,
      env: { ...process.env, FREIGHTDESK_UPDATE_URL: 'https://updates.example.com/freightdesk' },
      stdio: 'pipe',
    },
  )
  appDir = path.join(output, 'linux-unpacked')
  files = asar.listPackage(path.join(appDir, 'resources/app.asar'))
}, 180_000)

afterAll(() => temp?.remove())

describe('the packed app', () => {
  it('holds the built main, preload, page and icon in its asar, and no sources or tools', () => {
    for (const file of [
      '/package.json',
      '/out/main/index.js',
      '/out/preload/index.js',
      '/out/renderer/index.html',
      '/resources/icon.png',
    ]) {
      expect(files, file).toContain(file)
    }
    const outside = files.filter((file) => !file.startsWith('/node_modules/'))
    expect(outside.filter((file) => /\.map$|web-host|\.ts$/.test(file))).toEqual([])
    expect(
      outside.filter((file) => /^\/(electron|renderer|shared|test|build|bench)\//.test(file)),
    ).toEqual([])
    const packages = new Set(files.map((file) => file.split('/')[2]))
    for (const tool of ['electron', 'electron-builder', 'vitest', 'typescript', '@playwright']) {
      expect(packages.has(tool), tool).toBe(false)
    }
    expect(packages.has('electron-updater')).toBe(true)
  })

  it('keeps the native modules beside the asar, whole, where Electron loads them from', () => {
    const unpacked = path.join(appDir, 'resources/app.asar.unpacked/node_modules')
    expect(existsSync(path.join(unpacked, 'keytar/build/Release/keytar.node'))).toBe(true)
    expect(
      readdirSync(path.join(unpacked, '@napi-rs')).some((name) => name.startsWith('keyring-')),
    ).toBe(true)
    // better-sqlite3 loads from there, JavaScript and binary together (with this Node's build of it).
    const Database = require(path.join(unpacked, 'better-sqlite3')) as new (file: string) => {
      prepare(sql: string): { get(): unknown }
      close(): void
    }
    const db = new Database(':memory:')
    expect(db.prepare('select 41 + 1 as answer').get()).toEqual({ answer: 42 })
    db.close()
  })

  it('has its fuses flipped by the afterPack hook', async () => {
    const wire = await getCurrentFuseWire(path.join(appDir, 'freightdesk'))
    for (let option = 0; option < fuseCount; option++) {
      const wanted = (fuseConfig as Record<number, boolean>)[option]
      expect(wire[option as FuseV1Options], FuseV1Options[option]).toBe(
        wanted ? FuseState.ENABLE : FuseState.DISABLE,
      )
    }
  })

  it('carries the update feed it was built with', () => {
    const feed = readFileSync(path.join(appDir, 'resources/app-update.yml'), 'utf8')
    expect(feed).toContain('provider: generic')
    expect(feed).toContain('url: https://updates.example.com/freightdesk')
  })
})
