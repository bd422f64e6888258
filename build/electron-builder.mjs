/**
 * The installers, built by electron-builder (`npm run dist`): NSIS for Windows (per user, no
 * administrator; x64 and arm64), DMG and zip for macOS (x64 and arm64, hardened runtime,
 * notarized when the environment has Apple's credentials). docs/desktop.md says how to build,
 * sign and release.
 *
 * Read from the environment when the installers are built:
 * - the update feed, written into the app: `FREIGHTDESK_UPDATE_URL` (a generic https folder) or
 *   `FREIGHTDESK_UPDATE_GITHUB` (`owner/repo`, GitHub Releases); neither: updates off.
 * - notarization: `APPLE_API_KEY`, `APPLE_API_KEY_ID` and `APPLE_API_ISSUER`, or `APPLE_ID`,
 *   `APPLE_APP_SPECIFIC_PASSWORD` and `APPLE_TEAM_ID`, or `APPLE_KEYCHAIN_PROFILE`.
 * - code signing: electron-builder's own `CSC_LINK` and `CSC_KEY_PASSWORD` (`WIN_CSC_LINK` for
 *   Windows when both are built on one machine).
 */

/** The installers' app id; also Windows' AppUserModelID (`electron/main/app-meta.ts`). */
export const appId = 'eu.freightdesk.desktop'

/**
 * Native modules: loaded from `app.asar.unpacked` (a .node file cannot be loaded from inside an
 * asar). electron-builder unpacks .node files by itself; the packages are unpacked whole so that
 * each binding finds its binary beside its own JavaScript.
 */
export const nativeModules = ['better-sqlite3', 'keytar', '@napi-rs/keyring*']

/** The update feed given at build time, or null. */
export function updateFeed(env) {
  const url = env.FREIGHTDESK_UPDATE_URL?.trim()
  if (url) {
    if (!url.startsWith('https://')) {
      throw new Error(`FREIGHTDESK_UPDATE_URL must be an https address (it is "${url}")`)
    }
    return { provider: 'generic', url }
  }
  const github = env.FREIGHTDESK_UPDATE_GITHUB?.trim()
  if (github) {
    const [owner, repo, ...rest] = github.split('/')
    if (!owner || !repo || rest.length > 0) {
      throw new Error(`FREIGHTDESK_UPDATE_GITHUB must be owner/repo (it is "${github}")`)
    }
    return { provider: 'github', owner, repo }
  }
  return null
}

const notaryCredentials = [
  ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'],
  ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'],
  ['APPLE_KEYCHAIN_PROFILE'],
]

/** Whether the macOS app is notarized, and the line that says so in the build's output. */
export function notarization(env) {
  const found = notaryCredentials.find((names) => names.every((name) => env[name]?.trim()))
  if (found) return { notarize: true, line: `Notarization: on (${found.join(', ')})` }
  return {
    notarize: false,
    line:
      'Notarization skipped: set APPLE_API_KEY, APPLE_API_KEY_ID and APPLE_API_ISSUER ' +
      '(or APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID) to notarize the macOS app.',
  }
}

export function builderConfig(env = process.env) {
  const feed = updateFeed(env)
  return {
    appId,
    productName: 'Freightdesk',
    copyright: 'Copyright © Freightdesk',
    directories: { output: 'dist', buildResources: 'build' },
    // The built app and its icon; node_modules (production dependencies only) are added by
    // electron-builder itself.
    files: [
      'out/main/**',
      // The browser preview's host is for development only.
      '!out/main/web-host.js',
      'out/preload/**',
      'out/renderer/**',
      'resources/icon.png',
      'package.json',
      '!**/*.map',
    ],
    asar: true,
    asarUnpack: nativeModules.map((name) => `**/node_modules/${name}/**`),
    // The native modules are built again for Electron's Node (needs Electron's headers).
    npmRebuild: true,
    // The Electron fuses (build/fuses.mjs), flipped before signing.
    afterPack: 'build/after-pack.mjs',
    // Freightdesk opens no files and registers no protocol.
    fileAssociations: [],
    protocols: [],
    publish: feed,
    win: {
      target: [{ target: 'nsis', arch: ['x64', 'arm64'] }],
      icon: 'build/icons/icon.ico',
    },
    nsis: {
      // Installed for the current user in %LOCALAPPDATA%\Programs: no administrator, no UAC prompt.
      oneClick: true,
      perMachine: false,
      allowElevation: false,
      createStartMenuShortcut: true,
      createDesktopShortcut: false,
      shortcutName: 'Freightdesk',
      // The dispatcher's data (the cache, exports) stays when the app is removed.
      deleteAppDataOnUninstall: false,
      artifactName: '${productName}-Setup-${version}-${arch}.${ext}',
    },
    mac: {
      target: [
        { target: 'dmg', arch: ['x64', 'arm64'] },
        // The zip is what electron-updater downloads on macOS.
        { target: 'zip', arch: ['x64', 'arm64'] },
      ],
      icon: 'build/icons/icon.icns',
      category: 'public.app-category.business',
      hardenedRuntime: true,
      gatekeeperAssess: false,
      entitlements: 'build/entitlements.mac.plist',
      entitlementsInherit: 'build/entitlements.mac.plist',
      notarize: notarization(env).notarize,
    },
    dmg: { artifactName: '${productName}-${version}-${arch}.${ext}' },
    // Linux is not shipped: an unpacked folder, for trying the packaged app on a Linux machine.
    linux: { target: ['dir'], icon: 'build/icons', category: 'Office' },
  }
}

export default function config() {
  if (process.platform === 'darwin') console.log(notarization(process.env).line)
  const feed = updateFeed(process.env)
  console.log(
    feed
      ? `Update feed: ${feed.provider === 'github' ? `GitHub ${feed.owner}/${feed.repo}` : feed.url}`
      : 'Update feed: none (FREIGHTDESK_UPDATE_URL or FREIGHTDESK_UPDATE_GITHUB unset): updates off',
  )
  return builderConfig(process.env)
}
