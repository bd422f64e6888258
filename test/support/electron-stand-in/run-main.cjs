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

async function waitFor(condition) {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10))
  if (!condition()) throw new Error('the main bundle never loaded its window')
}

async function main() {
  await waitFor(() => record.loadedFiles.length > 0)
  const window = record.windows[0]
  const contents = window.webContents
  const rendererFile = record.loadedFiles[0]
  const rendererUrl = new URL(`file://${rendererFile}`).href

  const invoke = (channel, sender, url, input) =>
    record.handlers.get(channel)({ sender, senderFrame: { url } }, input)
  const trusted = await invoke('app.info', contents, rendererUrl)
  const otherContents = { id: contents.id + 100 }
  const fromOtherWindow = await invoke('app.info', otherContents, rendererUrl)
  const fromOtherPage = await invoke('app.info', contents, 'https://evil.example/')

  const openHttps = contents.windowOpenHandler({ url: 'https://api.spotgo.eu/share/abc' })
  const openHttp = contents.windowOpenHandler({ url: 'http://example.com/' })
  const openFile = contents.windowOpenHandler({ url: 'file:///etc/passwd' })
  await new Promise((r) => setTimeout(r, 10))

  const copied = await invoke('shares.copy', contents, rendererUrl, {
    url: 'https://api.spotgo.eu/shared/abc?x=1&y=<2>',
  })

  let navigationPrevented = false
  contents.emit(
    'will-navigate',
    { preventDefault: () => (navigationPrevented = true) },
    'https://evil.example/',
  )

  let permissionGranted = null
  record.permissionHandler(contents, 'media', (granted) => (permissionGranted = granted))

  const report = {
    singleInstanceLock: record.singleInstanceLock,
    handledChannels: [...record.handlers.keys()].sort(),
    webPreferences: window.options.webPreferences,
    preloadExists: require('node:fs').existsSync(window.options.webPreferences.preload),
    rendererFile,
    trusted,
    fromOtherWindow,
    fromOtherPage,
    windowOpen: { https: openHttps, http: openHttp, file: openFile },
    openedExternal: record.openedExternal,
    copied,
    clipboardWrites: record.clipboardWrites,
    navigationPrevented,
    permissionGranted,
  }
  process.stdout.write(JSON.stringify(report))
  process.exit(0)
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack))
  process.exit(1)
})
