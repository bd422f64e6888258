import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Page,
} from '@playwright/test'
import { commands } from '@shared/commands'
import { makeTempDir } from '../support/temp-dir'

/**
 * The real Electron window, where an Electron binary exists (the desktop workflow's Windows and
 * macOS runners). Build machines without internet have none (it is downloaded by the electron
 * package's install step), so there every test here is skipped and says why; the menu template,
 * the update decisions and the installers' configuration are tested under Node in test/unit/desktop
 * and test/integration/shell.
 */
function findElectronBinary(): { path: string } | { missing: string } {
  // Reads what `require('electron')` would, without its fallback of downloading the binary.
  const packageDir = path.dirname(createRequire(__filename).resolve('electron/package.json'))
  const pathFile = path.join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return { missing: 'the electron package has not installed its binary' }
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist')
  const binary = path.join(dist, readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? { path: binary } : { missing: `${binary} does not exist` }
}

const electronBinary = findElectronBinary()
const skipReason =
  'missing' in electronBinary
    ? `Electron end-to-end tests skipped: ${electronBinary.missing}; they run wherever \`npx electron --version\` works (the desktop workflow).`
    : null
if (skipReason && process.env.FREIGHTDESK_REQUIRE_ELECTRON === '1') {
  // The desktop workflow's runners have the binary: a skip there would hide a broken install.
  throw new Error(skipReason.replace('skipped', 'cannot run'))
}
if (skipReason) console.log(skipReason)

interface Bridge {
  invoke(
    channel: string,
    input?: unknown,
  ): Promise<{ ok: boolean; value?: unknown; error?: unknown }>
}

/** Calls a channel through the preload bridge, as the page does. */
async function invoke<T>(window: Page, channel: string, input?: unknown): Promise<T> {
  const result = await window.evaluate(
    ([name, value]) =>
      (globalThis as unknown as { freightdesk: Bridge }).freightdesk.invoke(name, value),
    [channel, input] as const,
  )
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`)
  return result.value as T
}

test.describe('the Electron app', () => {
  test.skip(skipReason !== null, skipReason ?? '')
  // Sample data starts three simulators and syncs a few thousand freights.
  test.setTimeout(240_000)

  let app: ElectronApplication
  let window: Page
  let userData: ReturnType<typeof makeTempDir>

  async function launch(args: string[] = []): Promise<void> {
    if (!('path' in electronBinary)) return
    app = await electron.launch({
      executablePath: electronBinary.path,
      args: [path.resolve(__dirname, '../..'), `--user-data-dir=${userData.dir}`, ...args],
    })
    window = await app.firstWindow()
  }

  test.beforeEach(() => {
    userData = makeTempDir('freightdesk-electron-')
  })
  test.afterEach(async () => {
    // A test that quit the app itself leaves nothing to close.
    await app?.close().catch(() => undefined)
    userData.remove()
  })

  test('starts with the page from app:// and its data in the folder given', async () => {
    await launch()
    expect(window.url()).toBe('app://freightdesk/index.html')
    await expect(window.getByRole('navigation', { name: 'Main' })).toBeVisible()
    const info = await invoke<{ name: string; shell: string; dataDir: string }>(window, 'app.info')
    expect(info).toMatchObject({ name: 'Freightdesk', shell: 'electron', dataDir: userData.dir })
  })

  test('gives the page the bridge and nothing else of Node or Electron', async () => {
    await launch()
    const exposed = await window.evaluate(() =>
      Object.keys((globalThis as unknown as { freightdesk: object }).freightdesk).sort(),
    )
    expect(exposed).toEqual(['invoke', 'on'])
    const globals = await window.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      module: typeof (globalThis as { module?: unknown }).module,
    }))
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined' })
    const unknown = await window.evaluate(() =>
      (globalThis as unknown as { freightdesk: Bridge }).freightdesk.invoke('fs.read', {}),
    )
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  test('refuses navigation away from the app and every new window', async () => {
    await launch()
    await window.evaluate(() => {
      ;(globalThis as unknown as Window).location.href = 'https://example.com/'
    })
    await window.evaluate(() => {
      ;(globalThis as unknown as Window).open('https://example.com/', '_blank')
    })
    await expect.poll(() => window.url()).toBe('app://freightdesk/index.html')
    expect(app.windows()).toHaveLength(1)
  })

  test("carries the page's commands in its menu and runs them in the page", async () => {
    await launch()
    const items = await app.evaluate(({ Menu }) => {
      const all: Array<{ id: string; accelerator: string | null; role: string | null }> = []
      const walk = (menu: Electron.Menu) => {
        for (const item of menu.items) {
          all.push({ id: item.id, accelerator: item.accelerator ?? null, role: item.role ?? null })
          if (item.submenu) walk(item.submenu)
        }
      }
      const menu = Menu.getApplicationMenu()
      if (menu) walk(menu)
      return all
    })
    const byId = new Map(items.map((item) => [item.id, item]))
    for (const each of commands.filter((entry) => byId.has(entry.id))) {
      expect(each.keys as readonly string[], each.id).toContain(byId.get(each.id)!.accelerator)
    }
    expect(byId.has('sync.now')).toBe(true)
    const choose = (id: string) =>
      app.evaluate(({ Menu }, itemId) => {
        Menu.getApplicationMenu()?.getMenuItemById(itemId)?.click()
      }, id)
    await choose('go.accounts')
    await expect(window.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible()
    await choose('go.shares')
    await expect(window.getByRole('heading', { level: 1, name: 'Shares' })).toBeVisible()
  })

  test('copies a share link to the system clipboard', async () => {
    await launch()
    const url = 'https://api.spotgo.eu/shared/abc?x=1&y=2'
    expect(await invoke(window, 'shares.copy', { url })).toEqual({ copied: true, url })
    // The HTML flavour is checked on the built shell under Node (test/integration/shell).
    const text = await app.evaluate(({ clipboard }) => clipboard.readText())
    expect(text).toBe(url)
  })

  test('shows sample data, then asks before quitting with changes in the outbox', async () => {
    await launch(['--sample-data'])
    await expect
      .poll(async () => (await invoke<{ total: number }>(window, 'freights.query', {})).total, {
        timeout: 180_000,
      })
      .toBeGreaterThan(1000)
    await expect(window.getByRole('grid')).toBeVisible()

    // Offline, a withdrawal waits in the outbox.
    await invoke(window, 'sandbox.setOffline', { offline: true })
    const page = await invoke<{ rows: Array<{ id: string }> }>(window, 'freights.query', {
      providers: ['spotgo'],
      limit: 1,
    })
    const queued = await invoke<{ outcome: string }>(window, 'freights.delete', {
      id: page.rows[0]!.id,
    })
    expect(queued.outcome).toBe('queued')

    // The quit question, answered "Stay": the app stays.
    await app.evaluate(({ dialog }) => {
      const asked: string[] = []
      ;(globalThis as { asked?: string[] }).asked = asked
      dialog.showMessageBox = (...args: unknown[]) => {
        const options = args.at(-1) as { message: string }
        asked.push(options.message)
        return Promise.resolve({ response: 1, checkboxChecked: false })
      }
    })
    await app.evaluate(({ app: electronApp }) => electronApp.quit())
    await expect
      .poll(() => app.evaluate(() => (globalThis as { asked?: string[] }).asked ?? []))
      .toEqual(['1 change has not been sent to the provider yet.'])
    await expect(window.getByRole('navigation', { name: 'Main' })).toBeVisible()
  })
})
