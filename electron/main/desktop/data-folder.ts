/**
 * Where the desktop app keeps its data folder (the cache and every other local file): the place
 * each platform gives an app's own data.
 *
 * - Windows: `%LOCALAPPDATA%\Freightdesk`. The cache is large and belongs to this computer: in the
 *   roaming `%APPDATA%` a roaming profile would copy it at every sign-in and out.
 * - macOS: `~/Library/Application Support/Freightdesk`.
 * - Linux: `$XDG_CONFIG_HOME/Freightdesk` (`~/.config/Freightdesk`), Electron's own default.
 *
 * Chromium's `--user-data-dir` (tests, several profiles) wins over all of these.
 */
import path from 'node:path'

export interface DataFolderContext {
  platform: NodeJS.Platform
  env: Record<string, string | undefined>
  home: string
  appName: string
  /** The folder given with `--user-data-dir`, if any. */
  explicit?: string
}

export function desktopDataFolder(context: DataFolderContext): string {
  const { platform, env, home, appName, explicit } = context
  if (explicit) return explicit
  switch (platform) {
    case 'win32':
      return path.win32.join(env.LOCALAPPDATA ?? path.win32.join(home, 'AppData', 'Local'), appName)
    case 'darwin':
      return path.posix.join(home, 'Library', 'Application Support', appName)
    default:
      return path.posix.join(env.XDG_CONFIG_HOME ?? path.posix.join(home, '.config'), appName)
  }
}
