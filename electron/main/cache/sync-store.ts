/**
 * SQL for the sync (migrations 004 and 009): run records, the freights a run did not see, one
 * freight marked gone after the provider confirmed its removal, what a run could not read, and
 * the outbox. The sync services hold the rules; this file only reads and writes rows.
 */
import type Database from 'better-sqlite3'
import type { AppErrorCode } from '@shared/errors'
import {
  FreightPriceChange,
  type OutboxItem,
  type OutboxKind,
  type ReadProblem,
  type ReadProblemCounts,
  type ReadProblemKind,
  type SyncList,
  type SyncOutcome,
  type SyncRun,
  type SyncTrigger,
} from '@shared/domain/sync'

export interface RunCounts {
  pages: number
  inserted: number
  changed: number
  unchanged: number
  gone: number
  rejected: number
  readInPart: number
}

/** One item a run could not read, or read in part, as the run stores it. */
export interface NewReadProblem {
  kind: ReadProblemKind
  list: SyncList
  page: number
  position: number
  providerId: string | null
  reasons: string[]
  /** The item as the provider sent it. */
  raw: unknown
}

/** A stored read problem with the item as the provider sent it (JSON text). */
export interface StoredReadProblem extends ReadProblem {
  rawJson: string
}

/** The last run of an account that read its lists (completed or partial), and its counts. */
export interface ReadRun {
  runId: string
  finishedAt: string
  counts: ReadProblemCounts
}

export interface RunEnd {
  outcome: SyncOutcome
  error: string | null
  errorCode: AppErrorCode | null
}

/** A cached freight the current run has not listed (a candidate for gone). */
export interface UnseenFreight {
  id: number
  providerId: string
  status: string
}

export interface NewOutboxItem {
  accountId: string
  kind: OutboxKind
  freightId: number | null
  providerId: string
  summary: string
  /** For `spotgo.changePrice`: the price to send (stored as JSON). */
  priceChange?: FreightPriceChange | null
}

export interface SyncStore {
  startRun(run: { id: string; accountId: string; trigger: SyncTrigger; startedAt: string }): void
  /** Writes the counters so far (after each stored page). */
  updateRun(id: string, counts: RunCounts): void
  /** Null when the run's record is gone (its account was deleted meanwhile). */
  finishRun(id: string, at: string, counts: RunCounts, end: RunEnd): SyncRun | null
  run(id: string): SyncRun | null
  runs(accountId: string, limit: number): SyncRun[]
  /** The finish time of the account's last run that stored freights (completed or partial). */
  lastSyncedAt(accountId: string): string | null
  /**
   * Closes runs left open by a process that stopped mid-run (killed, crashed) as failed.
   * Returns how many.
   */
  closeAbandonedRuns(at: string, message: string): number
  /** The account's freights that are not gone and that run `runId` has not seen. */
  unseen(accountId: string, runId: string): UnseenFreight[]
  /** Marks one freight gone (the provider confirmed it was withdrawn or deleted). */
  markFreightGone(freightId: number, at: Date): boolean

  /** Stores what a run could not read (in one transaction). */
  addReadProblems(accountId: string, runId: string, problems: readonly NewReadProblem[]): void
  /** The run read its lists: its problems replace those of the account's earlier runs. */
  keepReadProblemsOf(accountId: string, runId: string): void
  /** The run did not read its lists (failed, cancelled): its problems are dropped. */
  dropReadProblems(runId: string): void
  /** The account's last run that read its lists, or null. */
  lastReadRun(accountId: string): ReadRun | null
  /** The problems stored for a run, in the order they were met. */
  readProblems(runId: string): StoredReadProblem[]
  /** What the account's last reading run could not read of one freight it stored. */
  readIssuesOf(accountId: string, providerId: string): string[]

  addOutbox(item: NewOutboxItem, at: string): OutboxItem
  outbox(): OutboxItem[]
  outboxItem(id: number): OutboxItem | null
  /** Pending and failed items of one account, oldest first. */
  outboxOf(accountId: string): OutboxItem[]
  /** Counts one more attempt; `error` null keeps it pending without an error. */
  outboxAttempted(
    id: number,
    at: string,
    state: 'pending' | 'failed',
    error: { message: string; code: AppErrorCode } | null,
  ): void
  /** Back to pending (a retry asked for), error kept until the next attempt ends. */
  outboxRequeue(id: number): void
  removeOutbox(id: number): boolean
  outboxCounts(): { pending: number; failed: number }
}

interface RunRow {
  id: string
  account_id: string
  trigger: SyncTrigger
  started_at: string
  finished_at: string | null
  pages: number
  inserted: number
  changed: number
  unchanged: number
  gone: number
  rejected: number
  read_in_part: number
  outcome: SyncOutcome | null
  error_code: AppErrorCode | null
  error: string | null
}

interface ReadProblemRow {
  kind: ReadProblemKind
  list: SyncList
  page: number
  position: number
  provider_id: string | null
  reasons: string
  raw: string
}

interface OutboxRow {
  id: number
  account_id: string
  kind: OutboxKind
  freight_id: number | null
  provider_id: string
  summary: string
  payload: string | null
  state: 'pending' | 'failed'
  attempts: number
  error_code: AppErrorCode | null
  error: string | null
  created_at: string
  last_attempt_at: string | null
}

export function createSyncStore(db: Database.Database): SyncStore {
  const statements = {
    startRun: db.prepare<[string, string, string, string]>(
      'INSERT INTO sync_runs (id, account_id, trigger, started_at) VALUES (?, ?, ?, ?)',
    ),
    updateRun: db.prepare(
      `UPDATE sync_runs SET pages = @pages, inserted = @inserted, changed = @changed,
         unchanged = @unchanged, gone = @gone, rejected = @rejected, read_in_part = @readInPart
       WHERE id = @id`,
    ),
    finishRun: db.prepare(
      `UPDATE sync_runs SET pages = @pages, inserted = @inserted, changed = @changed,
         unchanged = @unchanged, gone = @gone, rejected = @rejected, read_in_part = @readInPart,
         finished_at = @at, outcome = @outcome, error = @error, error_code = @errorCode
       WHERE id = @id`,
    ),
    run: db.prepare<[string], RunRow>('SELECT * FROM sync_runs WHERE id = ?'),
    runs: db.prepare<[string, number], RunRow>(
      'SELECT * FROM sync_runs WHERE account_id = ? ORDER BY started_at DESC, rowid DESC LIMIT ?',
    ),
    lastSynced: db
      .prepare<[string], string | null>(
        `SELECT max(finished_at) FROM sync_runs
         WHERE account_id = ? AND outcome IN ('completed', 'partial')`,
      )
      .pluck(),
    closeAbandoned: db.prepare<[string, string]>(
      `UPDATE sync_runs SET finished_at = ?, outcome = 'failed', error_code = 'internal', error = ?
       WHERE finished_at IS NULL`,
    ),
    unseen: db.prepare<[string, string], { id: number; provider_id: string; status_raw: string }>(
      `SELECT id, provider_id, status_raw FROM freights
       WHERE account_id = ? AND gone_at IS NULL AND last_seen_run <> ? ORDER BY id`,
    ),
    // gone_at holds milliseconds since the epoch, as the freight store writes it.
    markGone: db.prepare<[number, number]>(
      'UPDATE freights SET gone_at = ? WHERE id = ? AND gone_at IS NULL',
    ),
    addReadProblem: db.prepare(
      `INSERT INTO sync_read_problems (account_id, run_id, kind, list, page, position,
         provider_id, reasons, raw)
       VALUES (@accountId, @runId, @kind, @list, @page, @position, @providerId, @reasons, @raw)`,
    ),
    keepReadProblems: db.prepare<[string, string]>(
      'DELETE FROM sync_read_problems WHERE account_id = ? AND run_id <> ?',
    ),
    dropReadProblems: db.prepare<[string]>('DELETE FROM sync_read_problems WHERE run_id = ?'),
    lastReadRun: db.prepare<
      [string],
      { id: string; finished_at: string; rejected: number; read_in_part: number }
    >(
      `SELECT id, finished_at, rejected, read_in_part FROM sync_runs
       WHERE account_id = ? AND outcome IN ('completed', 'partial')
       ORDER BY finished_at DESC, rowid DESC LIMIT 1`,
    ),
    readIssuesOf: db
      .prepare<[string, string, string], string>(
        `SELECT reasons FROM sync_read_problems
         WHERE account_id = ? AND run_id = ? AND provider_id = ? AND kind = 'read_in_part'`,
      )
      .pluck(),
    readProblems: db.prepare<[string], ReadProblemRow>(
      `SELECT kind, list, page, position, provider_id, reasons, raw FROM sync_read_problems
       WHERE run_id = ? ORDER BY id`,
    ),
    addOutbox: db.prepare(
      `INSERT INTO outbox (account_id, kind, freight_id, provider_id, summary, payload, state,
         created_at)
       VALUES (@accountId, @kind, @freightId, @providerId, @summary, @payload, 'pending', @at)`,
    ),
    outbox: db.prepare<[], OutboxRow>('SELECT * FROM outbox ORDER BY id'),
    outboxItem: db.prepare<[number], OutboxRow>('SELECT * FROM outbox WHERE id = ?'),
    outboxOf: db.prepare<[string], OutboxRow>(
      'SELECT * FROM outbox WHERE account_id = ? ORDER BY id',
    ),
    attempted: db.prepare(
      `UPDATE outbox SET attempts = attempts + 1, last_attempt_at = @at, state = @state,
         error = @error, error_code = @code WHERE id = @id`,
    ),
    requeue: db.prepare<[number]>("UPDATE outbox SET state = 'pending' WHERE id = ?"),
    remove: db.prepare<[number]>('DELETE FROM outbox WHERE id = ?'),
    counts: db.prepare<[], { pending: number | null; failed: number | null }>(
      `SELECT sum(state = 'pending') AS pending, sum(state = 'failed') AS failed FROM outbox`,
    ),
  }

  const run = (id: string) => {
    const row = statements.run.get(id)
    return row ? fromRunRow(row) : null
  }
  const outboxItem = (id: number) => {
    const row = statements.outboxItem.get(id)
    return row ? fromOutboxRow(row) : null
  }

  return {
    startRun: (r) => void statements.startRun.run(r.id, r.accountId, r.trigger, r.startedAt),
    updateRun: (id, counts) => void statements.updateRun.run({ id, ...counts }),
    finishRun(id, at, counts, end) {
      statements.finishRun.run({ id, at, ...counts, ...end })
      return run(id)
    },
    run,
    runs: (accountId, limit) => statements.runs.all(accountId, limit).map(fromRunRow),
    lastSyncedAt: (accountId) => statements.lastSynced.get(accountId) ?? null,
    closeAbandonedRuns: (at, message) => statements.closeAbandoned.run(at, message).changes,
    unseen: (accountId, runId) =>
      statements.unseen.all(accountId, runId).map((row) => ({
        id: row.id,
        providerId: row.provider_id,
        status: row.status_raw,
      })),
    markFreightGone: (freightId, at) =>
      statements.markGone.run(at.getTime(), freightId).changes > 0,

    addReadProblems: db.transaction(
      (accountId: string, runId: string, problems: readonly NewReadProblem[]) => {
        for (const problem of problems) {
          statements.addReadProblem.run({
            accountId,
            runId,
            kind: problem.kind,
            list: problem.list,
            page: problem.page,
            position: problem.position,
            providerId: problem.providerId,
            reasons: JSON.stringify(problem.reasons),
            raw: JSON.stringify(problem.raw) ?? 'null',
          })
        }
      },
    ),
    keepReadProblemsOf: (accountId, runId) =>
      void statements.keepReadProblems.run(accountId, runId),
    dropReadProblems: (runId) => void statements.dropReadProblems.run(runId),
    lastReadRun(accountId) {
      const row = statements.lastReadRun.get(accountId)
      return row
        ? {
            runId: row.id,
            finishedAt: row.finished_at,
            counts: { notRead: row.rejected, readInPart: row.read_in_part },
          }
        : null
    },
    readIssuesOf(accountId, providerId) {
      const run = statements.lastReadRun.get(accountId)
      if (!run) return []
      return statements.readIssuesOf
        .all(accountId, run.id, providerId)
        .flatMap((reasons) => JSON.parse(reasons) as string[])
    },
    readProblems: (runId) =>
      statements.readProblems.all(runId).map((row) => ({
        kind: row.kind,
        list: row.list,
        page: row.page,
        position: row.position,
        providerId: row.provider_id,
        reasons: JSON.parse(row.reasons) as string[],
        rawJson: row.raw,
      })),

    addOutbox(item, at) {
      const { priceChange, ...rest } = item
      const payload = priceChange ? JSON.stringify(priceChange) : null
      const id = Number(statements.addOutbox.run({ ...rest, payload, at }).lastInsertRowid)
      const saved = outboxItem(id)
      if (!saved) throw new Error('The outbox item was not saved')
      return saved
    },
    outbox: () => statements.outbox.all().map(fromOutboxRow),
    outboxItem,
    outboxOf: (accountId) => statements.outboxOf.all(accountId).map(fromOutboxRow),
    outboxAttempted(id, at, state, error) {
      statements.attempted.run({
        id,
        at,
        state,
        error: error?.message ?? null,
        code: error?.code ?? null,
      })
    },
    outboxRequeue: (id) => void statements.requeue.run(id),
    removeOutbox: (id) => statements.remove.run(id).changes > 0,
    outboxCounts() {
      const row = statements.counts.get()
      return { pending: row?.pending ?? 0, failed: row?.failed ?? 0 }
    },
  }
}

function fromRunRow(row: RunRow): SyncRun {
  return {
    id: row.id,
    accountId: row.account_id,
    trigger: row.trigger,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    pages: row.pages,
    inserted: row.inserted,
    changed: row.changed,
    unchanged: row.unchanged,
    gone: row.gone,
    rejected: row.rejected,
    readInPart: row.read_in_part,
    outcome: row.outcome,
    error: row.error,
    errorCode: row.error_code,
  }
}

function fromOutboxRow(row: OutboxRow): OutboxItem {
  return {
    id: row.id,
    accountId: row.account_id,
    kind: row.kind,
    freightId: row.freight_id,
    providerId: row.provider_id,
    summary: row.summary,
    priceChange: priceChangeOf(row.payload),
    state: row.state,
    attempts: row.attempts,
    error: row.error,
    errorCode: row.error_code,
    createdAt: row.created_at,
    lastAttemptAt: row.last_attempt_at,
  }
}

/** The stored change, checked again on the way out (null when there is none or it is unreadable). */
function priceChangeOf(payload: string | null): FreightPriceChange | null {
  if (payload === null) return null
  try {
    const parsed = FreightPriceChange.safeParse(JSON.parse(payload))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
