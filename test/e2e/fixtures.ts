/**
 * Playwright fixtures: each test gets its own web host (`node out/main/web-host.js`), started on a
 * free port with its own data folder, so tests run in parallel against the real router. `host`
 * starts empty; `seeded` starts on a copy of the seeded cache built once by global-setup.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { test as base, expect } from '@playwright/test'
import type { Channel } from '@shared/contract'
import { builtFile } from '../support/fresh-build'
import { hostTransport, typedInvoke } from '../support/invoke'
import { sweepKeychain } from '../support/keychain'
import type { SeededEntry } from '../support/seeded-cache'
import { seedTimes } from '../support/seed-constants'
import { seedEnv } from './global-setup'

export interface RunningHost {
  url: string
  origin: string
  token: string
  dataDir: string
  /** Everything the host printed, for failure messages. */
  output(): string
}

export async function startHost(dataDir: string, args: string[] = []) {
  const child = spawn(
    process.execPath,
    [builtFile('main/web-host.js'), '--json', '--data-dir', dataDir, ...args],
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

/** A host whose secrets go to a keychain service of its own (`secretService`). */
export interface KeychainHost extends RunningHost {
  secretService: string
}

/**
 * Runs `use` with a web host on a new data folder and a keychain service name of its own (plus
 * `args`); afterwards stops the host and removes the folder and every keychain entry left.
 */
export async function withKeychainHost(
  args: string[],
  use: (host: KeychainHost) => Promise<void>,
): Promise<void> {
  const secretService = `Freightdesk-test-${randomBytes(6).toString('hex')}`
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'freightdesk-e2e-'))
  const { host, child } = await startHost(dataDir, ['--secret-service', secretService, ...args])
  try {
    await use({ ...host, secretService })
  } finally {
    await stopHost(child)
    rmSync(dataDir, { recursive: true, force: true })
    await sweepKeychain(secretService)
  }
}

/** A host on a copy of the seeded cache, with what the test knows of every freight in it. */
export interface SeededHost extends RunningHost {
  entries: SeededEntry[]
  /** Calls the host's real router over HTTP, as the page does. */
  invoke<T>(channel: string, input?: unknown): Promise<T>
}

let entriesOfRun: SeededEntry[] | null = null

function seededEntries(dir: string): SeededEntry[] {
  entriesOfRun ??= JSON.parse(readFileSync(path.join(dir, 'entries.json'), 'utf8')) as SeededEntry[]
  // A fresh copy per test: tests may record annotations they make.
  return structuredClone(entriesOfRun)
}

/**
 * Calls `channel` on `host`'s router through the tests' one invoke (test/support/invoke.ts), the
 * same as a core's `invoke` in-process; an error result throws its AppError.
 */
export async function invokeOn<T>(host: RunningHost, channel: string, input?: unknown): Promise<T> {
  return (await typedInvoke(hostTransport(host))(channel as Channel, input as never)) as T
}

/** What the host's clipboard stand-in last received (read through its token-guarded address). */
export async function readHostClipboard(
  host: RunningHost,
): Promise<{ text: string; html: string } | null> {
  const response = await fetch(`${host.origin}/host/clipboard`, {
    headers: { authorization: `Bearer ${host.token}` },
  })
  expect(response.status).toBe(200)
  return (await response.json()) as { text: string; html: string } | null
}

/**
 * A new data folder holding a copy of the seeded cache (and the dispatcher's last look between
 * the two syncs, so the later freights are new), with what the test knows of every freight.
 */
export function copySeededCache(): { dataDir: string; entries: SeededEntry[] } {
  const seedDir = process.env[seedEnv]
  if (!seedDir) throw new Error('The seeded cache is missing: global-setup.ts did not run.')
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'freightdesk-e2e-'))
  for (const suffix of ['', '-wal']) {
    const file = path.join(seedDir, `freightdesk.sqlite${suffix}`)
    if (existsSync(file)) copyFileSync(file, path.join(dataDir, `freightdesk.sqlite${suffix}`))
  }
  writeFileSync(
    path.join(dataDir, 'grid-state.json'),
    JSON.stringify({ version: 1, lastLookedAt: seedTimes.between, working: null }),
  )
  return { dataDir, entries: seededEntries(seedDir) }
}

export const test = base.extend<{ host: RunningHost; seeded: SeededHost }>({
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
  // eslint-disable-next-line no-empty-pattern
  seeded: async ({}, use) => {
    const { dataDir, entries } = copySeededCache()
    const { host, child } = await startHost(dataDir)
    try {
      await use({
        ...host,
        entries,
        invoke: (channel, input) => invokeOn(host, channel, input),
      })
    } finally {
      await stopHost(child)
      rmSync(dataDir, { recursive: true, force: true })
    }
  },
})

export { expect }
