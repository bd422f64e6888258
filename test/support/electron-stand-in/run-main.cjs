/* global Request */
/**
 * Loads out/main/index.js with the stand-in `electron`, drives the window and IPC the way Electron
 * would, and prints one JSON report on stdout. Usage: node run-main.cjs <path to out/main/index.js>
 */
const Module = require('node:module')
const path = require('node:path')

const standIn = path.join(__dirname, 'electron.cjs')
const originalResolve = Module._resolveFilename
Module._resolveFilename = function (request, ...rest) {
  if (request === 'electron') return standIn
  return originalResolve.call(this, request, ...rest)
}

const { __record: record } = require(standIn)
const mainBundle = path.resolve(process.argv[2])
require(mainBundle)

async function waitFor(condition, what = 'the main bundle never loaded its window') {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10))
  if (!condition()) throw new Error(what)
}

/** A request to the app's protocol, answered as Electron would hand it to the page. */
async function fetchApp(url, method = 'GET') {
  const response = await record.protocolHandlers.get('app')(new Request(url, { method }))
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: method === 'HEAD' ? '' : await response.text(),
  }
}

async function main() {
  await waitFor(() => record.loadedUrls.length > 0)
  const window = record.windows[0]
  const contents = window.webContents
  const rendererUrl = record.loadedUrls[0]

  const invoke = (channel, sender, url, input) =>
    record.handlers.get(channel)({ sender, senderFrame: { url } }, input)
  const trusted = await invoke('app.info', contents, rendererUrl)
  const otherContents = { id: contents.id + 100 }
  const fromOtherWindow = await invoke('app.info', otherContents, rendererUrl)
  const fromOtherPage = await invoke('app.info', contents, 'https://evil.example/')
  const fromFilePage = await invoke('app.info', contents, 'file:///tmp/index.html')

  // Links the page tries to open in a new window: denied, and handed to the system browser
  // under the app.openExternal rules (provider hosts at once, others after a confirmation).
  record.messageBoxAnswers.push(1, 0)
  const windowOpen = {}
  for (const [name, url] of [
    ['provider', 'https://api.spotgo.eu/share/abc'],
    ['unknownDeclined', 'https://unknown.example/declined'],
    ['unknownAccepted', 'https://unknown.example/accepted'],
    ['http', 'http://example.com/'],
    ['file', 'file:///etc/passwd'],
  ]) {
    windowOpen[name] = contents.windowOpenHandler({ url })
  }
  // Two confirmations asked, the provider's link and the accepted one opened (the refusals of
  // http and file:// settled before, as they throw before any await).
  await waitFor(() => record.messageBoxes.length === 2 && record.openedExternal.length === 2)
  const openedByWindowOpen = [...record.openedExternal]
  const asked = record.messageBoxes.map((box) => ({ message: box.message, detail: box.detail }))

  const copied = await invoke('shares.copy', contents, rendererUrl, {
    url: 'https://api.spotgo.eu/shared/abc?x=1&y=<2>',
  })

  let navigationPrevented = false
  contents.emit(
    'will-navigate',
    { preventDefault: () => (navigationPrevented = true) },
    'https://evil.example/',
  )
  const frameNavigation = (url) => {
    let prevented = false
    contents.emit('will-frame-navigate', {
      url,
      isMainFrame: false,
      preventDefault: () => (prevented = true),
    })
    return prevented
  }
  const framePrevented = {
    evil: frameNavigation('https://evil.example/'),
    file: frameNavigation('file:///etc/passwd'),
    app: frameNavigation('app://freightdesk/index.html'),
  }

  let permissionGranted = null
  record.permissionHandler(contents, 'media', (granted) => (permissionGranted = granted))
  const permissionChecks = ['media', 'notifications', 'clipboard-read', 'geolocation'].map(
    (permission) => record.permissionCheckHandler(contents, permission, 'app://freightdesk', {}),
  )

  const page = await fetchApp(rendererUrl)
  const protocol = {
    page: { status: page.status, headers: page.headers, body: page.body },
    route: (await fetchApp('app://freightdesk/accounts/123')).status,
    asset: await fetchApp('app://freightdesk/does-not-exist.js'),
    malformed: (await fetchApp('app://freightdesk/%E0%A4%A')).status,
    traversal: await fetchApp('app://freightdesk/..%2f..%2fpackage.json'),
    otherHost: (await fetchApp('app://evil/index.html')).status,
    post: (await fetchApp(rendererUrl, 'POST')).status,
  }

  // Every item of the application menu (clicks left out), and what clicking each command sends.
  const describeItem = ({ click, submenu, ...rest }) => ({
    ...rest,
    ...(click ? { clickable: true } : {}),
    ...(submenu ? { submenu: submenu.map(describeItem) } : {}),
  })
  const flatItems = (items) => items.flatMap((item) => [item, ...flatItems(item.submenu ?? [])])
  const sentBefore = contents.sent.length
  for (const item of flatItems(record.applicationMenu ?? [])) item.click?.()
  const menu = {
    template: (record.applicationMenu ?? []).map(describeItem),
    sent: contents.sent.slice(sentBefore).filter(([name]) => name === 'menu.command'),
  }

  const report = {
    menu,
    userDataPath: record.paths.get('userData') ?? null,
    badgeCounts: record.badgeCounts,
    singleInstanceLock: record.singleInstanceLock,
    handledChannels: [...record.handlers.keys()].sort(),
    webPreferences: window.options.webPreferences,
    preloadExists: require('node:fs').existsSync(window.options.webPreferences.preload),
    rendererUrl,
    loadedFiles: record.loadedFiles,
    privilegedSchemes: record.privilegedSchemes,
    trusted,
    fromOtherWindow,
    fromOtherPage,
    fromFilePage,
    windowOpen,
    openedByWindowOpen,
    asked,
    copied,
    clipboardWrites: record.clipboardWrites,
    navigationPrevented,
    framePrevented,
    permissionGranted,
    permissionChecks,
    protocol,
  }
  process.stdout.write(JSON.stringify(report))
  process.exit(0)
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack))
  process.exit(1)
})
