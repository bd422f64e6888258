/**
 * The installers' configuration (build/electron-builder.mjs), checked under Node: electron-builder's
 * own schema accepts it, the targets and per-user install are as promised, every native module is
 * unpacked from the asar, macOS runs hardened with the fewest entitlements, and notarization and
 * the update feed follow the environment. test/integration/desktop/package-dir.test.ts packs the
 * app for real.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { minimatch } from 'minimatch'
import { describe, expect, it } from 'vitest'
import { appMeta } from '../../../electron/main/app-meta'
import {
  appId,
  builderConfig,
  nativeModules,
  notarization,
  updateFeed,
} from '../../../build/electron-builder.mjs'

const root = path.resolve(__dirname, '../../..')
const require = createRequire(import.meta.url)
const config = builderConfig({})

describe('the installers configuration', () => {
  it("is valid for electron-builder's own schema", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration: (config: unknown, logger: unknown) => Promise<void>
    }
    const logger = { isEnabled: false, add() {} }
    await expect(validateConfiguration(config, logger)).resolves.toBeUndefined()
    // The schema does refuse what electron-builder does not know.
    await expect(
      validateConfiguration({ ...config, nsis: { ...config.nsis, perUser: true } }, logger),
    ).rejects.toThrow(/Invalid configuration object/)
    await expect(
      validateConfiguration(
        builderConfig({
          FREIGHTDESK_UPDATE_GITHUB: 'freightdesk/desktop',
          APPLE_KEYCHAIN_PROFILE: 'x',
        }),
        logger,
      ),
    ).resolves.toBeUndefined()
  })

  it('builds NSIS for Windows x64 and arm64, installed per user without an administrator', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }])
    expect(config.nsis).toMatchObject({
      oneClick: true,
      perMachine: false,
      allowElevation: false,
      createStartMenuShortcut: true,
      deleteAppDataOnUninstall: false,
    })
  })

  it('builds a DMG and a zip (for updates) for macOS x64 and arm64, hardened', () => {
    expect(config.mac.target).toEqual([
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ])
    expect(config.mac.hardenedRuntime).toBe(true)
    expect(config.mac.entitlements).toBe(config.mac.entitlementsInherit)
  })

  it('asks macOS for JIT pages only: no other entitlement', () => {
    const plist = readFileSync(path.join(root, config.mac.entitlements), 'utf8')
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((match) => match[1])
    expect(keys).toEqual(['com.apple.security.cs.allow-jit'])
  })

  it('uses the app id that Windows gets as AppUserModelID, and associates no files', () => {
    expect(config.appId).toBe(appId)
    expect(appMeta.appId).toBe(appId)
    expect(config.fileAssociations).toEqual([])
    expect(config.protocols).toEqual([])
  })

  it('packs into an asar and unpacks every package that carries a native module', () => {
    expect(config.asar).toBe(true)
    // Production packages with compiled code: a .node file or a binding.gyp.
    const withNativeCode = (dir: string, depth = 0): boolean =>
      depth < 4 &&
      readdirSync(dir, { withFileTypes: true }).some((entry) =>
        entry.isDirectory()
          ? entry.name !== 'node_modules' && withNativeCode(path.join(dir, entry.name), depth + 1)
          : entry.name.endsWith('.node') || entry.name === 'binding.gyp',
      )
    const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; devOptional?: boolean }>
    }
    const native = Object.entries(lock.packages)
      .filter(
        ([where, entry]) => where.startsWith('node_modules/') && !entry.dev && !entry.devOptional,
      )
      .map(([where]) => where)
      .filter(
        (where) => existsSync(path.join(root, where)) && withNativeCode(path.join(root, where)),
      )
    expect(native).toEqual(
      expect.arrayContaining([
        'node_modules/better-sqlite3',
        'node_modules/keytar',
        expect.stringMatching(/^node_modules\/@napi-rs\/keyring-/),
      ]),
    )
    for (const where of native) {
      const file = `${where}/lib/index.js`
      expect(
        config.asarUnpack.some((pattern: string) => minimatch(file, pattern)),
        where,
      ).toBe(true)
    }
    expect(nativeModules).toEqual(['better-sqlite3', 'keytar', '@napi-rs/keyring*'])
  })

  it('flips the fuses after packing, and ships the built app without the browser preview host', () => {
    expect(config.afterPack).toBe('build/after-pack.mjs')
    expect(config.files).toEqual(expect.arrayContaining(['out/main/**', '!out/main/web-host.js']))
  })

  it('takes its icons from what build/icons.mjs writes', () => {
    expect(config.win.icon).toBe('build/icons/icon.ico')
    expect(config.mac.icon).toBe('build/icons/icon.icns')
    expect(config.linux.icon).toBe('build/icons')
  })
})

describe('the update feed written at build time', () => {
  it('is none unless the environment gives one: updates off', () => {
    expect(updateFeed({})).toBeNull()
    expect(config.publish).toBeNull()
  })

  it('is a generic https folder or GitHub Releases', () => {
    expect(
      updateFeed({ FREIGHTDESK_UPDATE_URL: 'https://updates.example.com/freightdesk' }),
    ).toEqual({ provider: 'generic', url: 'https://updates.example.com/freightdesk' })
    expect(updateFeed({ FREIGHTDESK_UPDATE_GITHUB: 'freightdesk/desktop' })).toEqual({
      provider: 'github',
      owner: 'freightdesk',
      repo: 'desktop',
    })
  })

  it('refuses an address that is not https, and a GitHub name that is not owner/repo', () => {
    expect(() => updateFeed({ FREIGHTDESK_UPDATE_URL: 'http://updates.example.com' })).toThrow(
      /must be an https address/,
    )
    expect(() => updateFeed({ FREIGHTDESK_UPDATE_GITHUB: 'freightdesk' })).toThrow(/owner\/repo/)
  })
})

describe('notarization', () => {
  it('runs with an App Store Connect API key, an Apple ID, or a keychain profile', () => {
    const key = { APPLE_API_KEY: '/k.p8', APPLE_API_KEY_ID: 'ID', APPLE_API_ISSUER: 'issuer' }
    expect(notarization(key)).toMatchObject({ notarize: true })
    expect(builderConfig(key).mac.notarize).toBe(true)
    const appleId = { APPLE_ID: 'a@b.c', APPLE_APP_SPECIFIC_PASSWORD: 'pw', APPLE_TEAM_ID: 'T' }
    expect(notarization(appleId).line).toBe(
      'Notarization: on (APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID)',
    )
    expect(notarization({ APPLE_KEYCHAIN_PROFILE: 'freightdesk' })).toMatchObject({
      notarize: true,
    })
  })

  it('is skipped with a clear line when the credentials are missing or incomplete', () => {
    for (const env of [{}, { APPLE_ID: 'a@b.c', APPLE_TEAM_ID: 'T' }]) {
      const decision = notarization(env)
      expect(decision.notarize).toBe(false)
      expect(decision.line).toMatch(/^Notarization skipped: set APPLE_API_KEY/)
      expect(builderConfig(env).mac.notarize).toBe(false)
    }
  })
})
