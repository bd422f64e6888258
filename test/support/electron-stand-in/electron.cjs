/**
 * A stand-in for the `electron` module, just large enough to load the built main bundle under
 * plain Node and record what it asks Electron to do. Used by test/unit/shell/main-bundle.test.ts.
 */
const { EventEmitter } = require('node:events')

const record = {
  singleInstanceLock: false,
  handlers: new Map(),
  windows: [],
  loadedFiles: [],
  loadedUrls: [],
  openedExternal: [],
  clipboardWrites: [],
  permissionHandler: null,
  permissionCheckHandler: null,
  privilegedSchemes: [],
  protocolHandlers: new Map(),
  messageBoxes: [],
  /** What the next message boxes answer (button index); 1 (Cancel) when none is queued. */
  messageBoxAnswers: [],
  appListeners: new EventEmitter(),
  /** The template of the application menu, as given to Menu.buildFromTemplate. */
  applicationMenu: null,
  paths: new Map(),
  appUserModelId: null,
  badgeCounts: [],
  overlayIcons: [],
}

class ClipboardItem {
  constructor(items) {
    this.items = items
    this.types = Object.keys(items)
  }
}

let nextContentsId = 1

class WebContents extends EventEmitter {
  constructor() {
    super()
    this.id = nextContentsId++
    this.sent = []
    this.windowOpenHandler = null
  }
  send(channel, payload) {
    this.sent.push([channel, payload])
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler
  }
  getURL() {
    return ''
  }
}

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super()
    this.options = options
    this.webContents = new WebContents()
    record.windows.push(this)
    record.appListeners.emit('web-contents-created', {}, this.webContents)
  }
  loadFile(file) {
    record.loadedFiles.push(file)
    return Promise.resolve()
  }
  loadURL(url) {
    record.loadedUrls.push(url)
    return Promise.resolve()
  }
  isDestroyed() {
    return false
  }
  isMinimized() {
    return false
  }
  show() {}
  focus() {}
  restore() {}
  setOverlayIcon(image, description) {
    record.overlayIcons.push({ image, description })
  }
}

const app = {
  isPackaged: process.env.FREIGHTDESK_STAND_IN_PACKAGED === '1',
  requestSingleInstanceLock() {
    record.singleInstanceLock = true
    return true
  },
  on(event, listener) {
    record.appListeners.on(event, listener)
    return app
  },
  whenReady: () => Promise.resolve(),
  getPath: (name) => {
    if (name !== 'userData') throw new Error(`unexpected getPath(${name})`)
    return record.paths.get('userData') ?? process.env.FREIGHTDESK_STAND_IN_USER_DATA
  },
  setPath(name, value) {
    record.paths.set(name, value)
  },
  setAppUserModelId(id) {
    record.appUserModelId = id
  },
  setBadgeCount(count) {
    record.badgeCounts.push(count)
    return true
  },
  // The tests give the data folder as the app's tests do: Chromium's --user-data-dir.
  commandLine: {
    getSwitchValue: (name) =>
      name === 'user-data-dir' ? (process.env.FREIGHTDESK_STAND_IN_USER_DATA ?? '') : '',
  },
  getVersion: () => '0.0.0-stand-in',
  quit() {},
}

module.exports = {
  app,
  BrowserWindow,
  Menu: {
    buildFromTemplate(template) {
      return { template }
    },
    setApplicationMenu(menu) {
      record.applicationMenu = menu && menu.template
    },
  },
  nativeImage: {
    createFromBitmap(buffer, options) {
      return { buffer, ...options }
    },
  },
  ipcMain: {
    handle(channel, handler) {
      record.handlers.set(channel, handler)
    },
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler(handler) {
        record.permissionHandler = handler
      },
      setPermissionCheckHandler(handler) {
        record.permissionCheckHandler = handler
      },
    },
  },
  protocol: {
    registerSchemesAsPrivileged(schemes) {
      if (record.protocolHandlers.size > 0) throw new Error('schemes registered after app ready')
      record.privilegedSchemes.push(...schemes)
    },
    handle(scheme, handler) {
      record.protocolHandlers.set(scheme, handler)
    },
  },
  dialog: {
    showSaveDialog() {
      return Promise.resolve({ canceled: true, filePath: '' })
    },
    showMessageBox(windowOrOptions, maybeOptions) {
      const options = maybeOptions ?? windowOrOptions
      record.messageBoxes.push(options)
      return Promise.resolve({ response: record.messageBoxAnswers.shift() ?? 1 })
    },
  },
  clipboard: {
    write(items) {
      record.clipboardWrites.push(items.map((item) => item.items))
      return Promise.resolve()
    },
  },
  ClipboardItem,
  shell: {
    openExternal(url) {
      record.openedExternal.push(url)
      return Promise.resolve()
    },
  },
  __record: record,
}
