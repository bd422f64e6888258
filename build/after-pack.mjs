/**
 * electron-builder's `afterPack` hook (`"afterPack": "build/after-pack.mjs"`): flips the fuses of
 * `fuses.mjs` in the packed Electron binary, before the app is signed and put in its installer.
 */
import path from 'node:path'
import { flipFuses } from '@electron/fuses'
import { fuseConfig } from './fuses.mjs'

/** The packed Electron binary (the .app bundle on macOS, where the fuses live in its framework). */
export function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context
  const name = packager.appInfo.productFilename
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${name}.app`)
    case 'win32':
      return path.join(appOutDir, `${name}.exe`)
    default:
      return path.join(appOutDir, packager.executableName ?? name)
  }
}

export default async function afterPack(context) {
  await flipFuses(electronBinary(context), fuseConfig)
}
