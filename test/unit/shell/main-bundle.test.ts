import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { channelNames } from '@shared/contract'
import { makeTempDir } from '../../support/temp-dir'

const root = path.resolve(__dirname, '../../..')
const mainBundle = path.join(root, 'out/main/index.js')

interface Report {
  singleInstanceLock: boolean
  handledChannels: string[]
  webPreferences: Record<string, unknown>
  preloadExists: boolean
  rendererFile: string
  trusted: { ok: boolean; value?: { shell: string; dataDir: string } }
  fromOtherWindow: { ok: boolean }
  fromOtherPage: { ok: boolean }
  windowOpen: Record<string, { action: string }>
  openedExternal: string[]
  copied: { ok: boolean; value?: { copied: boolean; url: string } }
  clipboardWrites: Array<Array<Record<string, string>>>
  navigationPrevented: boolean
  permissionGranted: boolean | null
}

let report: Report
let userData: string

beforeAll(() => {
  if (!existsSync(mainBundle)) {
    throw new Error('out/main/index.js is missing: run `npm run build` first (npm test does).')
  }
  const temp = makeTempDir()
  userData = temp.dir
  try {
    const stdout = execFileSync(
      process.execPath,
      [path.join(root, 'test/support/electron-stand-in/run-main.cjs'), mainBundle],
      { env: { ...process.env, FREIGHTDESK_STAND_IN_USER_DATA: userData }, encoding: 'utf8' },
    )
    report = JSON.parse(stdout) as Report
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
    expect(report.rendererFile).toBe(path.join(root, 'out/renderer/index.html'))
  })

  it('answers the app window and refuses other senders', () => {
    expect(report.trusted.ok).toBe(true)
    expect(report.trusted.value).toMatchObject({ shell: 'electron', dataDir: userData })
    expect(report.fromOtherWindow.ok).toBe(false)
    expect(report.fromOtherPage.ok).toBe(false)
  })

  it('denies every new window and sends only https links to the system browser', () => {
    expect(report.windowOpen).toEqual({
      https: { action: 'deny' },
      http: { action: 'deny' },
      file: { action: 'deny' },
    })
    expect(report.openedExternal).toEqual(['https://api.spotgo.eu/share/abc'])
  })

  it("copies links with Electron's clipboard, as text and as an HTML link", () => {
    const url = 'https://api.spotgo.eu/shared/abc?x=1&y=<2>'
    expect(report.copied).toEqual({ ok: true, value: { copied: true, url } })
    const escaped = 'https://api.spotgo.eu/shared/abc?x=1&#38;y=&#60;2&#62;'
    expect(report.clipboardWrites).toEqual([
      [{ 'text/plain': url, 'text/html': `<a href="${escaped}">${escaped}</a>` }],
    ])
  })

  it('prevents navigation away from the app and denies permission requests', () => {
    expect(report.navigationPrevented).toBe(true)
    expect(report.permissionGranted).toBe(false)
  })
})
