/**
 * Sync, connectivity and the outbox as both processes see them: run records, progress, each
 * account's connectivity, and queued provider changes.
 */
import { z } from 'zod'
import { AppErrorCode } from '../errors'
import { AccountId, FreightId } from './freight'
import { Instant } from './time'

export const SyncRunId = z.string().min(1).max(100)

/** Freight lists one run reads: SpotGo has one; Trans.eu three, read in lifecycle order. */
export const SyncList = z.enum(['spotgo', 'active', 'accepted', 'archive'])
export type SyncList = z.infer<typeof SyncList>

/**
 * How a run ended. `completed`: every list read to its end and verified, unseen freights marked
 * gone. `partial`: every list read, but the run cannot vouch that it saw everything (the list
 * shifted, items could not be read), so nothing unseen changed. `failed`: an error stopped it.
 * `cancelled`: the dispatcher or the app stopped it. Both leave everything unseen as it was.
 */
export const SyncOutcome = z.enum(['completed', 'partial', 'failed', 'cancelled'])
export type SyncOutcome = z.infer<typeof SyncOutcome>

export const SyncTrigger = z.enum(['start', 'schedule', 'manual', 'reconnect'])
export type SyncTrigger = z.infer<typeof SyncTrigger>

export const SyncRun = z.object({
  id: SyncRunId,
  accountId: AccountId,
  trigger: SyncTrigger,
  startedAt: Instant,
  /** Null while the run is going. */
  finishedAt: Instant.nullable(),
  pages: z.number().int().nonnegative(),
  inserted: z.number().int().nonnegative(),
  changed: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  /** Freights marked gone at the end (a completed run only). */
  gone: z.number().int().nonnegative(),
  /** Items the provider sent that could not be read (left out). */
  rejected: z.number().int().nonnegative(),
  /** Items stored though some of their fields could not be read as the provider documents them. */
  readInPart: z.number().int().nonnegative(),
  /** Null while the run is going. */
  outcome: SyncOutcome.nullable(),
  /** Why the run failed or is partial, for the dispatcher. */
  error: z.string().nullable(),
  errorCode: AppErrorCode.nullable(),
})
export type SyncRun = z.infer<typeof SyncRun>

export const SyncPhase = z.enum(['starting', 'listing', 'verifying', 'finished'])
export type SyncPhase = z.infer<typeof SyncPhase>

export const SyncProgress = z.object({
  accountId: AccountId,
  runId: SyncRunId,
  phase: SyncPhase,
  /** The list being read; null before the first and after the last. */
  list: SyncList.nullable(),
  /** Pages stored so far, all lists together. */
  pagesDone: z.number().int().nonnegative(),
  /** Freights stored so far (new, changed and unchanged). */
  itemsSoFar: z.number().int().nonnegative(),
  /** Set with phase `finished`. */
  outcome: SyncOutcome.nullable(),
})
export type SyncProgress = z.infer<typeof SyncProgress>

export const SyncStartInput = z
  .strictObject({
    /** One account; absent: every account that has freights to sync. */
    accountId: AccountId.optional(),
  })
  .optional()

export const SyncStarted = z.object({
  runs: z.array(
    z.object({
      accountId: AccountId,
      runId: SyncRunId,
      /** True when a run of this account was already going: the request joined it. */
      joined: z.boolean(),
    }),
  ),
})
export type SyncStarted = z.infer<typeof SyncStarted>

export const SyncCancelInput = z.strictObject({ accountId: AccountId.optional() }).optional()

export const SyncRunsInput = z.strictObject({
  accountId: AccountId,
  limit: z.number().int().min(1).max(100).default(10),
})

/**
 * `online`: the last call or probe got an answer. `offline`: no answer (no network, host down).
 * `needs_sign_in`: credentials missing, refused or expired for good. `provider_error`: the
 * provider answered with an error that is not about credentials.
 */
export const ConnectivityState = z.enum(['online', 'offline', 'needs_sign_in', 'provider_error'])
export type ConnectivityState = z.infer<typeof ConnectivityState>

/** How many items the last sync that read an account's lists could not read, or read in part. */
export const ReadProblemCounts = z.object({
  notRead: z.number().int().nonnegative(),
  readInPart: z.number().int().nonnegative(),
})
export type ReadProblemCounts = z.infer<typeof ReadProblemCounts>

export const ReadProblemKind = z.enum(['not_read', 'read_in_part'])
export type ReadProblemKind = z.infer<typeof ReadProblemKind>

/** One item a sync could not read (left out), or read only in part (stored). */
export const ReadProblem = z.object({
  kind: ReadProblemKind,
  /** The list it came from. */
  list: SyncList,
  /** Its page (1-based) and position on the page (0-based). */
  page: z.number().int().positive(),
  position: z.number().int().nonnegative(),
  /** The provider's id of the item, when it could be read. */
  providerId: z.string().nullable(),
  /** What could not be read: one "field: reason" line each. */
  reasons: z.array(z.string()),
})
export type ReadProblem = z.infer<typeof ReadProblem>

export const ReadProblemsInput = z.strictObject({ accountId: AccountId })

/** What the last sync that read an account's lists could not read, item by item. */
export const ReadProblemReport = z.object({
  accountId: AccountId,
  /** That run, and when it ended; null when no run has read the lists yet. */
  runId: SyncRunId.nullable(),
  syncedAt: Instant.nullable(),
  counts: ReadProblemCounts,
  items: z.array(ReadProblem),
  /** Items counted but not kept for the details (a run keeps the first 1,000). */
  notListed: z.number().int().nonnegative(),
})
export type ReadProblemReport = z.infer<typeof ReadProblemReport>

export const DiagnosticCopied = z.object({
  /** False where the shell has no clipboard. */
  copied: z.boolean(),
  /** Items the diagnostic holds. */
  items: z.number().int().nonnegative(),
})
export type DiagnosticCopied = z.infer<typeof DiagnosticCopied>

export const AccountConnectivity = z.object({
  accountId: AccountId,
  state: ConnectivityState,
  /** What is wrong and what to do, for the dispatcher; null when online. */
  message: z.string().nullable(),
  /** Since when the account has been in this state. */
  since: Instant,
  /**
   * Whether this run of Freightdesk has heard from the provider yet (a probe or a call). Until
   * then `state` is the last state known from before.
   */
  checked: z.boolean(),
  /** When the last run that stored freights (completed or partial) finished. */
  lastSyncedAt: Instant.nullable(),
  /** What that run could not read, or read in part. */
  readProblems: ReadProblemCounts,
  /** The run going right now, if any. */
  running: SyncProgress.nullable(),
})
export type AccountConnectivity = z.infer<typeof AccountConnectivity>

export const outboxKinds = ['spotgo.delete', 'transeu.deleteDraft', 'spotgo.changePrice'] as const
export const OutboxKind = z.enum(outboxKinds)
export type OutboxKind = z.infer<typeof OutboxKind>

export const OutboxItemId = z.number().int().positive()

/**
 * A new price for a SpotGo freight, as a dispatcher sets it in the freight's detail: the start
 * price, the ceiling it may grow to (SpotGo's `growTo`), the currency and the payment term.
 */
export const FreightPriceChange = z
  .strictObject({
    price: z.number().positive('The price must be more than 0.').max(10_000_000),
    ceiling: z.number().positive('The ceiling must be more than 0.').max(10_000_000).nullable(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'Use a three-letter currency code in capitals, such as EUR.'),
    paymentTermDays: z
      .number()
      .int('The payment term is a whole number of days.')
      .min(0, 'The payment term cannot be negative.')
      .max(365, 'The payment term is at most 365 days.'),
  })
  .refine((change) => change.ceiling === null || change.ceiling >= change.price, {
    path: ['ceiling'],
    message: 'The ceiling must not be below the price.',
  })
export type FreightPriceChange = z.infer<typeof FreightPriceChange>

export const OutboxItem = z.object({
  id: OutboxItemId,
  accountId: AccountId,
  kind: OutboxKind,
  /** The cached freight it concerns (it may have left the cache since). */
  freightId: FreightId.nullable(),
  providerId: z.string(),
  /** "Withdraw SpotGo freight REF-1" */
  summary: z.string(),
  /** For `spotgo.changePrice`: the price to send. */
  priceChange: FreightPriceChange.nullable(),
  /** `pending`: waits for the provider; `failed`: the provider refused it, see `error`. */
  state: z.enum(['pending', 'failed']),
  attempts: z.number().int().nonnegative(),
  error: z.string().nullable(),
  errorCode: AppErrorCode.nullable(),
  createdAt: Instant,
  lastAttemptAt: Instant.nullable(),
})
export type OutboxItem = z.infer<typeof OutboxItem>

export const OutboxRef = z.strictObject({ id: OutboxItemId })

export const OutboxChanged = z.object({
  pending: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
})
export type OutboxChanged = z.infer<typeof OutboxChanged>

export const FreightDeleteInput = z.strictObject({ id: FreightId })

/** What became of a change sent to a provider (a withdrawal, a deletion, a new price). */
export const ProviderChangeResult = z.object({
  /** `done`: the provider did it; `queued`: the provider is unreachable, it waits in the outbox. */
  outcome: z.enum(['done', 'queued']),
  outboxItem: OutboxItem.nullable(),
})
export type ProviderChangeResult = z.infer<typeof ProviderChangeResult>
export const FreightDeleteResult = ProviderChangeResult
export type FreightDeleteResult = ProviderChangeResult

export const FreightChangePriceInput = z.strictObject({ id: FreightId, change: FreightPriceChange })
export type FreightChangePriceInput = z.infer<typeof FreightChangePriceInput>
