/**
 * `npm run web`: runs the core under plain Node and serves the built renderer with it on
 * 127.0.0.1, for previewing and end-to-end testing the app in a browser.
 *
 *   node out/main/web-host.js [--port N] [--data-dir DIR] [--secret-service NAME] [--json] [--no-sync]
 *                             [--sample-data]
 *
 * `--json` prints one JSON line `{url, origin, token, dataDir}` instead of the human banner, for
 * test harnesses. `--secret-service` files keychain entries under another name than `Freightdesk`
 * (tests use their own and delete it afterwards). There is no system browser to open here: the page
 * opens a provider's sign-in page in a new tab itself. Syncs run by themselves (at start, on each
 * account's interval, after sign-in) unless `--no-sync` is given. `--sample-data` (or the older
 * `--sandbox`) starts straight into sample data (the built-in provider simulators) when no
 * sample-data accounts exist yet.
 */
import { randomBytes } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { appMeta } from '../app-meta'
import { contractPlatform, createCore } from '../core'
import { createDownloadShelf } from '../export/destination'
import { createConsoleLogger, describeError } from '../log'
import { startWebHost } from './server'

// Standard output carries only the banner or the JSON line; the log goes to standard error.
const log = createConsoleLogger('web-host', { stderrOnly: true })

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      'secret-service': { type: 'string' },
      json: { type: 'boolean', default: false },
      'no-sync': { type: 'boolean', default: false },
      'sample-data': { type: 'boolean', default: false },
      sandbox: { type: 'boolean', default: false },
    },
    strict: true,
  })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a port number, not "${values.port}"`)
  }
  const dataDir = path.resolve(
    values['data-dir'] ?? process.env.FREIGHTDESK_DATA_DIR ?? defaultDataDir(),
  )
  // Exports wait here for their one download; the folder goes when the host stops.
  const downloads = createDownloadShelf(
    path.join(os.tmpdir(), `freightdesk-downloads-${randomBytes(6).toString('hex')}`),
  )
  // No clipboard here: the host keeps the last write for test harnesses (`GET /host/clipboard`).
  let clipboard: { text: string; html: string; writtenAt: string } | null = null
  // Entries of unknown accounts are swept only where the keychain service is this folder's alone:
  // a service of its own, or the desktop app's folder with the default service.
  const sweepOrphanSecrets =
    values['secret-service'] !== undefined || dataDir === path.resolve(defaultDataDir())
  const core = createCore({
    dataDir,
    sweepOrphanSecrets,
    shell: 'web',
    platform: contractPlatform(process.platform),
    validateContracts: true,
    log,
    secretService: values['secret-service'],
    sync: { schedule: !values['no-sync'] },
    sampleData: values['sample-data'] || values.sandbox,
    // No system browser to hand links to: the page opens them itself (`opened: false`).
    ports: {
      exportDestination: downloads,
      writeClipboard: (content) => {
        clipboard = { ...content, writtenAt: new Date().toISOString() }
      },
    },
  })
  const host = await startWebHost({
    router: core.router,
    rendererDir: path.join(__dirname, '../renderer'),
    port,
    log,
    downloads,
    clipboard: { last: () => clipboard },
    menu: { choose: (command) => core.router.events.emit('menu.command', command) },
  })

  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ url: host.url, origin: host.origin, token: host.token, dataDir })}\n`,
    )
  } else {
    process.stdout.write(
      `\n  ${appMeta.name} ${appMeta.version} web preview\n` +
        `  open: ${host.url}\n` +
        `  data: ${dataDir}\n\n` +
        '  The link carries a one-run token; press Ctrl+C to stop.\n\n',
    )
  }

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    await host.close()
    await core.dispose()
    downloads.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
}

/** The same folder Electron's `app.getPath('userData')` gives the desktop app. */
function defaultDataDir(): string {
  const home = os.homedir()
  if (process.platform === 'darwin') {
    return path.join(home, 'Library', 'Application Support', appMeta.name)
  }
  if (process.platform === 'win32') {
    return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), appMeta.name)
  }
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), appMeta.name)
}

main().catch((error: unknown) => {
  log.error('the web host could not start', describeError(error))
  process.exit(1)
})
