/**
 * When the cache's full `integrity_check` runs. It reads every page (seconds for 100,000
 * freights), so it stands before the grid only when the last session did not close the file
 * cleanly, or when a check in the background found damage: a marker file beside the cache,
 * written when the cache opens and removed when it closes cleanly, says so. Otherwise the check
 * runs in a worker thread on its own read-only connection while the dispatcher works; damage it
 * finds leaves the marker, so the next start sets the file aside and carries what it can (see
 * db.ts), and the dispatcher is told to restart.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'

/** The marker: present at start means the full check runs before the cache is used. */
export function checkMarkerOf(file: string): string {
  return `${file}.check-at-start`
}

export function checkRequested(file: string): boolean {
  return existsSync(checkMarkerOf(file))
}

export function requestCheckAtStart(file: string): void {
  writeFileSync(checkMarkerOf(file), `${new Date().toISOString()}\n`, { mode: 0o600 })
}

export function withdrawCheckRequest(file: string): void {
  rmSync(checkMarkerOf(file), { force: true })
}

/** What `integrity_check` found, at most `limit` lines; empty when the file is sound. */
export function integrityProblems(db: Database.Database, limit: number): string[] {
  const rows = db.pragma(`integrity_check(${limit})`, { simple: false }) as Array<{
    integrity_check: string
  }>
  return problemsOf(rows.flatMap((row) => row.integrity_check.split('\n')))
}

function problemsOf(messages: string[]): string[] {
  return messages.length === 1 && messages[0] === 'ok' ? [] : messages
}

// Plain CommonJS, evaluated in the worker: the driver is loaded from the path main resolved.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file, { readonly: true, fileMustExist: true })
let messages
try {
  db.pragma('busy_timeout = 5000')
  const rows = db.pragma('integrity_check(' + workerData.limit + ')', { simple: false })
  messages = rows.flatMap((row) => row.integrity_check.split('\\n'))
} catch (error) {
  // Damage bad enough stops the check itself: that is its finding.
  if (!/^SQLITE_(CORRUPT|NOTADB)/.test(String(error && error.code))) throw error
  messages = [String(error.message)]
} finally {
  db.close()
}
// Answered once its connection is gone, so the app's close is the last and folds the WAL in.
parentPort.postMessage(messages)
`

export interface BackgroundCheck {
  /** The problems found (empty when sound); rejects when the check could not run. */
  result: Promise<string[]>
  /** Stops the check if it still runs; `result` then settles with no problems. */
  stop(): Promise<void>
}

/** Runs the full check of `file` on a worker thread, leaving the caller's thread free. */
export function checkInBackground(file: string, limit = 20): BackgroundCheck {
  const driver = createRequire(__filename).resolve('better-sqlite3')
  const worker = new Worker(workerSource, { eval: true, workerData: { file, limit, driver } })
  let stopped = false
  const result = new Promise<string[]>((resolve, reject) => {
    worker.once('message', (messages: string[]) => resolve(problemsOf(messages)))
    worker.once('error', reject)
    worker.once('exit', () => {
      if (stopped) resolve([])
      else reject(new Error('the integrity check stopped without an answer'))
    })
  })
  return {
    result,
    async stop() {
      stopped = true
      await worker.terminate()
    },
  }
}
