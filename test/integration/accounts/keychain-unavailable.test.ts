/**
 * The app with no keychain to talk to: the built web host runs in a child process whose D-Bus
 * session address points nowhere. Adding accounts fails with a clear AppError, nothing is stored,
 * and the secret is in no file of the data folder and in no line the process logged.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { createInterface } from 'node:readline'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Result } from '@shared/result'
import {
  startSpotGoSimulator,
  type SpotGoSimulator,
} from '../../../electron/main/simulators/spotgo/server'
import { builtFile } from '../../support/fresh-build'
import { makeTempDir } from '../../support/temp-dir'

const webHost = builtFile('main/web-host.js')

let sim: SpotGoSimulator
let temp: ReturnType<typeof makeTempDir>
let child: ChildProcess
let output = ''
let host: { origin: string; token: string; dataDir: string }

beforeAll(async () => {
  sim = await startSpotGoSimulator({ seed: 51, freights: 3 })
  temp = makeTempDir('freightdesk-no-keychain-')
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(temp.dir, 'no-bus-here')}`,
    HOME: temp.dir,
  }
  delete env.DISPLAY
  delete env.WAYLAND_DISPLAY
  child = spawn(
    process.execPath,
    [
      webHost,
      '--json',
      '--data-dir',
      path.join(temp.dir, 'data'),
      '--secret-service',
      'Freightdesk-test-none',
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const lines = createInterface({ input: child.stdout! })
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve)
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}: ${output}`)))
  })
  lines.on('line', (line) => (output += `${line}\n`))
  host = JSON.parse(first) as typeof host
})

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
  await sim.stop()
  temp.remove()
})

async function invoke(channel: string, input?: unknown): Promise<Result<unknown>> {
  const response = await fetch(`${host.origin}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ input }),
  })
  return (await response.json()) as Result<unknown>
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name)
    return statSync(file).isDirectory() ? filesUnder(file) : [file]
  })
}

describe('with no keychain reachable', () => {
  const clientSecret = 'client-secret-that-must-not-land-anywhere'

  it('starts, and says plainly what to do when an account needs the keychain', async () => {
    expect((await invoke('app.info')).ok).toBe(true)
    // The key is right (SpotGo accepts it), so only the keychain can refuse.
    const added = await invoke('accounts.add', {
      provider: 'spotgo',
      name: 'SpotGo',
      environment: 'custom',
      baseUrl: sim.baseUrl,
      ownerEmail: sim.credentials.ownerEmail,
      apiKey: sim.credentials.apiKey,
    })
    expect(added.ok).toBe(false)
    if (added.ok) return
    expect(added.error.code).toBe('internal')
    expect(added.error.message).toMatch(/^The system keychain is not available/)
    expect(added.error.message).toMatch(/then try again/)
    expect(added.error.message).toMatch(/never stores secrets anywhere else/)

    const transeu = await invoke('accounts.add', {
      provider: 'transeu',
      name: 'Trans.eu',
      environment: 'custom',
      baseUrl: sim.baseUrl,
      clientId: 'client-id',
      clientSecret,
      apiKey: 'transeu-api-key-0001',
    })
    expect(transeu).toMatchObject({ ok: false, error: { code: 'internal' } })

    const listed = await invoke('accounts.list')
    expect(listed).toMatchObject({ ok: false, error: { code: 'internal' } })
    if (!listed.ok) expect(listed.error.message).toMatch(/system keychain is not available/)
  })

  it('stored nothing: no account row, and no secret in any file or log line', () => {
    const files = filesUnder(host.dataDir)
    expect(files.some((file) => file.endsWith('freightdesk.sqlite'))).toBe(true)
    const secrets = [sim.credentials.apiKey, clientSecret, 'transeu-api-key-0001']
    for (const file of files) {
      const content = readFileSync(file)
      for (const secret of secrets) expect(content.includes(Buffer.from(secret)), file).toBe(false)
    }
    for (const secret of secrets) expect(output.includes(secret)).toBe(false)
    // The log says why, in the keychain's own words, for whoever reads it.
    expect(output).toMatch(/the keychain refused to store a secret/)
    const database = new Database(path.join(host.dataDir, 'freightdesk.sqlite'), {
      readonly: true,
    })
    try {
      expect(database.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual({ n: 0 })
      expect(database.prepare('SELECT count(*) AS n FROM account_settings').get()).toEqual({ n: 0 })
    } finally {
      database.close()
    }
  })
})
