/**
 * The Electron shell: the only file that wires Electron objects to the core. Everything it binds
 * (router, events, services) runs unchanged under plain Node in tests and in the web host.
 */
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import path from 'node:path'
import {
  app,
  BrowserWindow,
  dialog,
  clipboard,
  ClipboardItem,
  ipcMain,
  protocol,
  session,
  shell,
  type IpcMainInvokeEvent,
  type MessageBoxOptions,
} from 'electron'
import { channelNames } from '@shared/contract'
import { isAppErrorException } from '@shared/errors'
import type { Result } from '@shared/result'
import { installAppMenu } from './adapters/menu'
import { showOutboxBadge } from './adapters/outbox-badge'
import { createSaveDialogDestination } from './adapters/save-dialog'
import { startUpdater, type Updater } from './adapters/updater'
import { appMeta } from './app-meta'
import {
  appPageUrl,
  appScheme,
  createAppProtocolHandler,
  devServerOrigin,
  isAppPage,
} from './app-protocol'
import { contractPlatform, createCore, type Core } from './core'
import { desktopDataFolder } from './desktop/data-folder'
import { createUpdateFlow, updateSetup } from './desktop/update-flow'
import { createConsoleLogger, describeError } from './log'
import { isSafeSignInUrl, secureWebPreferences } from './security'
import { createQuitGuard, type QuitGuard } from './sync/quit-guard'

const log = createConsoleLogger('main')
const rendererDir = path.join(__dirname, '../renderer')
// `npm start -- --sample-data` (or the older `--sandbox`): straight into sample data.
const sampleData = process.argv.includes('--sample-data') || process.argv.includes('--sandbox')

// `npm run dev`: the page from electron-vite's dev server (hot reload); never in a packaged app.
const devOrigin = app.isPackaged ? null : devServerOrigin(process.env.ELECTRON_RENDERER_URL)
const pageUrl = devOrigin ? (process.env.ELECTRON_RENDERER_URL ?? appPageUrl) : appPageUrl
const isOwnPage = (url: string): boolean =>
  isAppPage(url) || (devOrigin !== null && URL.canParse(url) && new URL(url).origin === devOrigin)

// Windows groups the taskbar button, pins and notifications under the installer's app id.
if (process.platform === 'win32') app.setAppUserModelId(appMeta.appId)
// The data folder in the platform's place (set before anything reads it).
app.setPath(
  'userData',
  desktopDataFolder({
    platform: process.platform,
    env: process.env,
    home: homedir(),
    appName: appMeta.name,
    explicit: app.commandLine.getSwitchValue('user-data-dir') || undefined,
  }),
)

// The page's own origin (app://freightdesk/): standard and secure, so it behaves as https would.
protocol.registerSchemesAsPrivileged([
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
])

let mainWindow: BrowserWindow | null = null
let core: Core | null = null
let quitGuard: QuitGuard | null = null
let updater: Updater | null = null

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (url !== contents.getURL()) event.preventDefault()
    })
    // Any frame, the main one or one inside the page: only the app's own page may load.
    contents.on('will-frame-navigate', (event) => {
      if (!isOwnPage(event.url)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    // No new windows: a link goes to the system browser under the same rules as app.openExternal.
    contents.setWindowOpenHandler(({ url }) => {
      void core?.services.externalLinks.open(url).catch((error: unknown) => {
        // The link itself stays out of the log (a share link is a capability).
        const reason = isAppErrorException(error) ? error.error.message : describeError(error)
        log.warn('did not open a link from the page', { reason })
      })
      return { action: 'deny' }
    })
  })
  app.on('window-all-closed', () => app.quit())
  // Changes still in the outbox: ask before quitting (the guard quits itself if told to).
  app.on('before-quit', (event) => {
    if (quitGuard?.beforeQuit()) {
      event.preventDefault()
      return
    }
    // An update the dispatcher agreed to installs now, if the outbox is empty, and quits itself.
    if (core && updater?.installInsteadOfQuit(core.services.sync.outbox.counts())) {
      event.preventDefault()
    }
  })
  app.on('will-quit', () => {
    updater?.stop()
    void core?.dispose()
  })
  void app.whenReady().then(start)
}

async function start(): Promise<void> {
  protocol.handle(appScheme, createAppProtocolHandler(rendererDir))
  // The page needs no permission (no camera, notifications, clipboard reads...): asked or checked.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  )
  session.defaultSession.setPermissionCheckHandler(() => false)
  core = createCore({
    dataDir: app.getPath('userData'),
    shell: 'electron',
    platform: contractPlatform(process.platform),
    validateContracts: !app.isPackaged,
    log,
    sync: { schedule: true },
    // The app's own folder and keychain service: entries of accounts it does not know are stale.
    sweepOrphanSecrets: true,
    sampleData,
    ports: {
      exportDestination: createSaveDialogDestination(() => mainWindow),
      // https, or the loopback sign-in page of a local simulator; nothing else leaves the app.
      openExternal: async (url) => {
        if (!isSafeSignInUrl(url)) throw new Error('refused to open an address that is not https')
        await shell.openExternal(url)
      },
      confirmExternal: async (url) =>
        (await ask({
          type: 'question',
          title: 'Open this address?',
          message: 'Open this address in your browser?',
          detail: `${url}\n\nIt is not a provider's address or a link Freightdesk made. Open it only if you trust it.`,
          buttons: ['Open in browser', 'Cancel'],
        })) === 0,
      // Plain text for chat and mail, the HTML link for editors that paste rich text.
      writeClipboard: ({ text, html }) =>
        clipboard.write([new ClipboardItem({ 'text/plain': text, 'text/html': html })]),
    },
  })
  const started = core
  quitGuard = createQuitGuard({
    counts: () => started.services.sync.outbox.counts(),
    ask: async (question) => {
      const quit =
        (await ask({
          type: 'warning',
          title: question.title,
          message: question.message,
          detail: question.detail,
          buttons: [...question.buttons],
        })) === 0
      // Staying after the last window closed: bring the window back to show the outbox.
      if (!quit && !mainWindow) {
        mainWindow = createMainWindow()
        await mainWindow.loadURL(pageUrl)
      }
      return quit
    },
    quit: () => app.quit(),
  })
  const router = core.router
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, input: unknown) =>
      isTrustedSender(event) ? router.invoke(channel, input) : untrustedSender(channel),
    )
  }
  // The menu's commands go to the page as events; the page runs them as its keys would.
  installAppMenu({
    platform: process.platform,
    appName: appMeta.name,
    development: !app.isPackaged,
    run: (id) => router.events.emit('menu.command', { id }),
  })
  mainWindow = createMainWindow()
  router.events.subscribe((name, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(name, payload)
    if (name === 'outbox.changed')
      showOutboxBadge(started.services.sync.outbox.counts(), mainWindow)
  })
  showOutboxBadge(started.services.sync.outbox.counts(), mainWindow)
  await mainWindow.loadURL(pageUrl)
  await startUpdates()
}

/** electron-updater, where this build has updates (see `desktop/update-flow.ts`). */
async function startUpdates(): Promise<void> {
  const setup = updateSetup({
    packaged: app.isPackaged,
    sampleData,
    // electron-builder writes the feed it was given beside the app.
    feedConfigured: existsSync(path.join(process.resourcesPath ?? '', 'app-update.yml')),
    platform: process.platform,
  })
  if (!setup.on) {
    log.info(`updates are off: ${setup.reason}`)
    return
  }
  updater = await startUpdater({
    flow: createUpdateFlow(appMeta.name),
    log,
    ask: async (question) =>
      (await ask({ type: 'info', ...question, buttons: [...question.buttons] })) === 0,
  })
}

/**
 * Asks in a message box over the app window (or alone when it is closed); the second button is the
 * safe default. Answers the index of the button chosen.
 */
async function ask(
  question: Pick<MessageBoxOptions, 'type' | 'title' | 'message' | 'detail' | 'buttons'>,
): Promise<number> {
  const options: MessageBoxOptions = { ...question, defaultId: 1, cancelId: 1, noLink: true }
  const answer =
    mainWindow && !mainWindow.isDestroyed()
      ? await dialog.showMessageBox(mainWindow, options)
      : await dialog.showMessageBox(options)
  return answer.response
}

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Freightdesk',
    icon: path.join(__dirname, '../../resources/icon.png'),
    show: false,
    webPreferences: secureWebPreferences(path.join(__dirname, '../preload/index.js'), {
      devTools: !app.isPackaged,
    }),
  })
  window.once('ready-to-show', () => window.show())
  window.on('closed', () => {
    mainWindow = null
  })
  return window
}

/** Only the app's own window, showing the app's own page, may call the core. */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  if (!mainWindow || event.sender.id !== mainWindow.webContents.id) return false
  const frameUrl = event.senderFrame?.url
  return frameUrl !== undefined && isOwnPage(frameUrl)
}

function untrustedSender(channel: string): Result<never> {
  log.warn(`refused ${channel} from an untrusted sender`)
  return {
    ok: false,
    error: { code: 'validation', message: 'This window may not call Freightdesk.' },
  }
}
