/** The built web host on a data folder, and Debian's Chromium, for the groups that measure the page. */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { chromium, type Browser } from '@playwright/test'

const root = path.resolve(import.meta.dirname, '../..')
const chromiumPath = process.env.FREIGHTDESK_CHROMIUM ?? '/usr/bin/chromium'

export interface RunningHost {
  process: ChildProcess
  url: string
  stop(): Promise<void>
}

/** Starts `out/main/web-host.js` on `dataDir`; resolves once it prints its address. */
export async function startWebHost(dataDir: string): Promise<RunningHost> {
  const host = spawn(
    process.execPath,
    [path.join(root, 'out/main/web-host.js'), '--json', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: host.stdout }).once('line', resolve)
    host.once('exit', (code) => reject(new Error(`the web host exited with ${code}`)))
  })
  const { url } = JSON.parse(line) as { url: string }
  return {
    process: host,
    url,
    async stop() {
      if (host.exitCode !== null) return
      const exited = new Promise((resolve) => host.once('exit', resolve))
      host.kill('SIGTERM')
      await exited
    },
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  })
}
