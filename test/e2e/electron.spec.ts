import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'
import { makeTempDir } from '../support/temp-dir'

/**
 * The packaged shell itself, where an Electron binary exists. Build machines without internet
 * have none (it is downloaded on first start), so there this test is skipped and says why.
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

test('the Electron window answers app.info through the preload bridge', async () => {
  if ('missing' in electronBinary) {
    const reason = `Electron end-to-end test skipped: ${electronBinary.missing}; it runs wherever \`npx electron --version\` works.`
    console.log(reason)
    test.skip(true, reason)
    return
  }
  const userData = makeTempDir('freightdesk-electron-')
  const app = await electron.launch({
    executablePath: electronBinary.path,
    args: [path.resolve(__dirname, '../..'), `--user-data-dir=${userData.dir}`],
  })
  try {
    const window = await app.firstWindow()
    const info = await window.evaluate(() =>
      (
        window as unknown as {
          freightdesk: { invoke(channel: string, input: unknown): Promise<unknown> }
        }
      ).freightdesk.invoke('app.info', undefined),
    )
    expect(info).toMatchObject({ ok: true, value: { name: 'Freightdesk' } })
    const exposed = await window.evaluate(() =>
      Object.keys((window as unknown as { freightdesk: object }).freightdesk).sort(),
    )
    expect(exposed).toEqual(['invoke', 'on'])
    const nodeVisible = await window.evaluate(
      () => typeof (globalThis as { require?: unknown }).require,
    )
    expect(nodeVisible).toBe('undefined')
  } finally {
    await app.close()
    userData.remove()
  }
})
