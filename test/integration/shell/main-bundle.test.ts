import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { commands } from '@shared/commands'
import { channelNames } from '@shared/contract'
import { contentSecurityPolicy, metaContentSecurityPolicy } from '../../../electron/main/security'
import { builtFile } from '../../support/fresh-build'
import { makeTempDir } from '../../support/temp-dir'

const root = path.resolve(__dirname, '../../..')
const mainBundle = builtFile('main/index.js')

interface Fetched {
  status: number
  headers: Record<string, string>
  body: string
}

interface MenuItem {
  id?: string
  label?: string
  role?: string
  accelerator?: string
  clickable?: boolean
  submenu?: MenuItem[]
}

interface Report {
  menu: { template: MenuItem[]; sent: Array<[string, { id: string }]> }
  userDataPath: string | null
  badgeCounts: number[]
  singleInstanceLock: boolean
  handledChannels: string[]
  webPreferences: Record<string, unknown>
  preloadExists: boolean
  rendererUrl: string
  loadedFiles: string[]
  privilegedSchemes: Array<{ scheme: string; privileges: Record<string, boolean> }>
  trusted: { ok: boolean; value?: { shell: string; dataDir: string } }
  fromOtherWindow: { ok: boolean }
  fromOtherPage: { ok: boolean }
  fromFilePage: { ok: boolean }
  windowOpen: Record<string, { action: string }>
  openedByWindowOpen: string[]
  asked: Array<{ message: string; detail: string }>
  copied: { ok: boolean; value?: { copied: boolean; url: string } }
  clipboardWrites: Array<Array<Record<string, string>>>
  navigationPrevented: boolean
  framePrevented: Record<string, boolean>
  permissionGranted: boolean | null
  permissionChecks: boolean[]
  protocol: {
    page: Fetched
    route: number
    asset: Fetched
    malformed: number
    traversal: Fetched
    otherHost: number
    post: number
  }
}

/** Runs the built main bundle under the stand-in electron and returns its report. */
function runMain(userData: string, packaged: boolean): Report {
  const stdout = execFileSync(
    process.execPath,
    [path.join(root, 'test/support/electron-stand-in/run-main.cjs'), mainBundle],
    {
      env: {
        ...process.env,
        FREIGHTDESK_STAND_IN_USER_DATA: userData,
        FREIGHTDESK_STAND_IN_PACKAGED: packaged ? '1' : '0',
      },
      encoding: 'utf8',
    },
  )
  // The report is the last line; the main process's own log lines come before it.
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Report
}

let report: Report
let packagedReport: Report
let userData: string

beforeAll(() => {
  const temp = makeTempDir()
  userData = temp.dir
  try {
    report = runMain(userData, false)
    packagedReport = runMain(path.join(userData, 'packaged'), true)
  } finally {
    temp.remove()
  }
})

describe('the built main bundle under a stand-in electron', () => {
  it('takes the single-instance lock', () => {
    expect(report.singleInstanceLock).toBe(true)
  })

  it('has an IPC handler for every contract channel and no other', () => {
    expect(report.handledChannels).toEqual([...channelNames].sort())
  })

  it('opens the window with the secure web preferences and a built preload', () => {
    expect(report.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
    expect(report.preloadExists).toBe(true)
  })

  it('keeps DevTools for development builds and turns them off in packaged ones', () => {
    expect(report.webPreferences.devTools).toBe(true)
    expect(packagedReport.webPreferences.devTools).toBe(false)
  })

  it('loads the page from its own app:// origin, not from a file', () => {
    expect(report.rendererUrl).toBe('app://freightdesk/index.html')
    expect(report.loadedFiles).toEqual([])
    expect(report.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
  })

  it('serves the built renderer with the CSP as a header, and only the renderer', () => {
    const { page } = report.protocol
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toContain('text/html')
    expect(page.headers['content-security-policy']).toBe(contentSecurityPolicy)
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(page.body).toBe(readFileSync(path.join(root, 'out/renderer/index.html'), 'utf8'))
    // The meta tag carries the policy without frame-ancestors (ignored there, and logged).
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/
      .exec(page.body)?.[1]
      ?.replaceAll('&#39;', "'")
    expect(meta).toBe(metaContentSecurityPolicy)
    expect(meta).not.toContain('frame-ancestors')
    expect(report.protocol.route).toBe(200)
    expect(report.protocol.malformed).toBe(400)
    expect(report.protocol.traversal.body).not.toContain('"name": "freightdesk"')
    expect(report.protocol.otherHost).toBe(404)
    expect(report.protocol.post).toBe(405)
  })

  it('answers the app window and refuses other senders', () => {
    expect(report.trusted.ok).toBe(true)
    expect(report.trusted.value).toMatchObject({ shell: 'electron', dataDir: userData })
    expect(report.fromOtherWindow.ok).toBe(false)
    expect(report.fromOtherPage.ok).toBe(false)
    expect(report.fromFilePage.ok).toBe(false)
  })

  it('denies every new window; provider links open at once, others only once confirmed', () => {
    expect(Object.values(report.windowOpen)).toEqual(
      Array.from({ length: 5 }, () => ({ action: 'deny' })),
    )
    expect(report.openedByWindowOpen).toEqual([
      'https://api.spotgo.eu/share/abc',
      'https://unknown.example/accepted',
    ])
    // The dispatcher saw each unknown address in full before deciding.
    expect(report.asked).toHaveLength(2)
    expect(report.asked[0]!.detail).toContain('https://unknown.example/declined')
    expect(report.asked[1]!.detail).toContain('https://unknown.example/accepted')
  })

  it("copies links with Electron's clipboard, as text and as an HTML link", () => {
    const url = 'https://api.spotgo.eu/shared/abc?x=1&y=<2>'
    expect(report.copied).toEqual({ ok: true, value: { copied: true, url } })
    const escaped = 'https://api.spotgo.eu/shared/abc?x=1&#38;y=&#60;2&#62;'
    expect(report.clipboardWrites).toEqual([
      [{ 'text/plain': url, 'text/html': `<a href="${escaped}">${escaped}</a>` }],
    ])
  })

  it('prevents navigation away from the app, in the window and in any frame', () => {
    expect(report.navigationPrevented).toBe(true)
    expect(report.framePrevented).toEqual({ evil: true, file: true, app: false })
  })

  it('denies permission requests and permission checks', () => {
    expect(report.permissionGranted).toBe(false)
    expect(report.permissionChecks).toEqual([false, false, false, false])
  })
})

describe('the native menu of the built main bundle', () => {
  const items = (menu: MenuItem[]): MenuItem[] =>
    menu.flatMap((item) => [item, ...items(item.submenu ?? [])])
  const commandIds: ReadonlySet<string> = new Set(commands.map((each) => each.id))

  it("is set, with the app's commands carrying their accelerators from the one list", () => {
    const commandItems = items(report.menu.template).filter((item) => item.clickable)
    expect(commandItems.length).toBeGreaterThanOrEqual(10)
    for (const item of commandItems) {
      expect(commandIds.has(item.id!), item.id).toBe(true)
      const keys: readonly string[] = commands.find((each) => each.id === item.id)!.keys
      expect(keys, item.id).toContain(item.accelerator)
    }
  })

  it('sends each command chosen to the page on the menu.command event', () => {
    const commandItems = items(report.menu.template).filter((item) => item.clickable)
    expect(report.menu.sent).toEqual(commandItems.map((item) => ['menu.command', { id: item.id }]))
  })

  it('has Toggle Developer Tools in development builds only', () => {
    const roles = (menu: MenuItem[]) => items(menu).map((item) => item.role)
    expect(roles(report.menu.template)).toContain('toggleDevTools')
    expect(roles(packagedReport.menu.template)).not.toContain('toggleDevTools')
    expect(roles(packagedReport.menu.template)).not.toContain('forceReload')
  })

  it('keeps the data folder given with --user-data-dir, and clears the badge of an empty outbox', () => {
    expect(report.userDataPath).toBe(userData)
    expect(report.badgeCounts).toEqual([0])
  })
})
