/**
 * The fuses the packaging step flips, checked on a stand-in Electron binary that carries a fuse
 * wire as Electron lays it out (a sentinel, a version, a length, one byte per fuse): the afterPack
 * hook flips exactly the decided states, read back with @electron/fuses' own reader.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import afterPack, { electronBinary } from '../../../build/after-pack.mjs'
import { fuseConfig } from '../../../build/fuses.mjs'
import {
  fuseCount,
  standInPadding,
  writeStandInElectronBinary,
} from '../../support/stand-in-electron-binary'
import { makeTempDir } from '../../support/temp-dir'

let temp: ReturnType<typeof makeTempDir>
beforeEach(() => {
  temp = makeTempDir('freightdesk-fuses-')
})
afterEach(() => temp.remove())

const context = (platform: string) => ({
  appOutDir: temp.dir,
  electronPlatformName: platform,
  packager: { appInfo: { productFilename: 'Freightdesk' }, executableName: 'freightdesk' },
})

describe('the fuses of the packaged app', () => {
  it('turn off running as Node, NODE_OPTIONS and inspect arguments; load only a checked asar', () => {
    expect(fuseConfig).toMatchObject({
      strictlyRequireAllFuses: true,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    })
    // Every fuse this @electron/fuses knows is decided.
    for (let option = 0; option < fuseCount; option++) {
      expect(typeof (fuseConfig as Record<number, unknown>)[option], FuseV1Options[option]).toBe(
        'boolean',
      )
    }
  })

  it('are flipped in the packed binary by the afterPack hook', async () => {
    const binary = electronBinary(context('linux'))
    expect(binary).toBe(path.join(temp.dir, 'freightdesk'))
    writeStandInElectronBinary(binary)
    await afterPack(context('linux'))
    const wire = await getCurrentFuseWire(binary)
    for (let option = 0; option < fuseCount; option++) {
      const wanted = (fuseConfig as Record<number, boolean>)[option]
      expect(wire[option as FuseV1Options], FuseV1Options[option]).toBe(
        wanted ? FuseState.ENABLE : FuseState.DISABLE,
      )
    }
    // Nothing but the wire changed.
    const bytes = readFileSync(binary)
    const { before, after, length } = standInPadding
    expect(bytes.subarray(0, length).every((byte) => byte === before)).toBe(true)
    expect(bytes.subarray(bytes.length - length).every((byte) => byte === after)).toBe(true)
  })

  it('are looked for where electron-builder packs each platform', () => {
    expect(electronBinary(context('win32'))).toBe(path.join(temp.dir, 'Freightdesk.exe'))
    expect(electronBinary(context('darwin'))).toBe(path.join(temp.dir, 'Freightdesk.app'))
  })
})
