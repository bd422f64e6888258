/**
 * The Electron fuses of the packaged app: switches compiled into the Electron binary that no
 * command-line argument or environment variable can turn back. Applied by `after-pack.mjs` once
 * electron-builder has packed the app; every fuse is set explicitly, so a new Electron fuse fails
 * the build until it is decided here.
 */
import { FuseV1Options, FuseVersion } from '@electron/fuses'

export const fuseConfig = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // Flipping fuses changes the binary: macOS arm64 needs its ad-hoc signature made again.
  resetAdHocDarwinSignature: true,
  // ELECTRON_RUN_AS_NODE would turn the app into a plain Node.js that runs any script.
  [FuseV1Options.RunAsNode]: false,
  // Chromium's cookie store encrypted with the OS keychain's key.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS could preload code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect and friends would open a debugger on the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app's code is checked against the hash embedded at packaging (macOS and Windows).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // The app is loaded only from app.asar, never from a loose folder placed beside it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The page comes from app://, so file:// needs none of its old extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  [FuseV1Options.WasmTrapHandlers]: true,
}
