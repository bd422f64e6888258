/**
 * Playwright fixtures: each test gets its own web host (`node out/main/web-host.js`), started on a
 * free port with an empty data folder, so tests run in parallel against the real router.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { test as base, expect } from '@playwright/test'

export interface RunningHost {
  url: string
  origin: string
  token: string
  dataDir: string
  /** Everything the host printed, for failure messages. */
  output(): string
}

const root = path.resolve(__dirname, '../..')

export async function startHost(dataDir: string, args: string[] = []) {
  const child = spawn(
    process.execPath,
    [path.join(root, 'out/main/web-host.js'), '--json', '--data-dir', dataDir, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const lines = createInterface({ input: child.stdout })
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve)
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}:\n${output}`)))
  })
  lines.on('line', (line) => (output += `${line}\n`))
  const started = JSON.parse(first) as Omit<RunningHost, 'output'>
  return { host: { ...started, output: () => output } satisfies RunningHost, child }
}

export async function stopHost(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

export const test = base.extend<{ host: RunningHost }>({
  // Playwright reads fixture dependencies from the destructuring pattern; this fixture has none.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'freightdesk-e2e-'))
    const { host, child } = await startHost(dataDir)
    try {
      await use(host)
    } finally {
      await stopHost(child)
      rmSync(dataDir, { recursive: true, force: true })
    }
  },
})

export { expect }
