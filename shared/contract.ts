/**
 * The IPC contract: every channel the renderer may call and every event main pushes, each declared
 * once with zod schemas. Types on both sides are inferred from here; the router validates against
 * these schemas and the preload's allow-list is generated from these keys.
 */
import { z } from 'zod'
import { commands, type CommandId } from './commands'
import {
  Account,
  AccountRef,
  AccountsChanged,
  AddAccountInput,
  CompleteSignInInput,
  ConnectionTest,
  RemoveAccountInput,
  RemoveAccountResult,
  SignInFinished,
  SignInRef,
  SignInStarted,
  UpdateAccountInput,
} from './domain/account'
import { AccountId, FreightAnnotation, FreightDetail, FreightId } from './domain/freight'
import {
  AnnotateInput,
  FreightFacets,
  FreightFilter,
  FreightGetInput,
  FreightPage,
  FreightQuery,
} from './domain/freight-query'
import { RemoveViewInput, SavedView, SaveViewInput } from './domain/saved-view'
import {
  AccountConnectivity,
  DiagnosticCopied,
  FreightChangePriceInput,
  FreightDeleteInput,
  FreightDeleteResult,
  OutboxChanged,
  OutboxItem,
  ProviderChangeResult,
  OutboxRef,
  ReadProblemReport,
  ReadProblemsInput,
  SyncCancelInput,
  SyncProgress,
  SyncRun,
  SyncRunsInput,
  SyncStarted,
  SyncStartInput,
} from './domain/sync'
import {
  CopyResult,
  CopyShareInput,
  CreateDocumentLinkInput,
  CreateFreightLinkInput,
  DocumentDetail,
  DocumentList,
  DocumentRef,
  ExtendShareInput,
  FreightDocuments,
  FreightDocumentsInput,
  ListDocumentsInput,
  ListSharesInput,
  Share,
  ShareRef,
  SharesChanged,
} from './domain/shares'
import { SandboxOfflineInput, SandboxRemoved, SandboxStatus } from './domain/sample-data'
import {
  ExportOutcome,
  ExportRequest,
  GridState,
  OpenExternalInput,
  SaveGridStateInput,
  ValueCount,
  ValueCountsInput,
} from './grid'

export const Platform = z.enum(['darwin', 'win32', 'linux', 'web'])

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  dataDir: z.string(),
  platform: Platform,
  /** Which shell runs the core: the Electron app or the browser preview host. */
  shell: z.enum(['electron', 'web']),
})
export type AppInfo = z.infer<typeof AppInfo>

export const Notice = z.object({
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
})
export type Notice = z.infer<typeof Notice>

const noInput = z.undefined()

export const FreightsChanged = z.object({
  /**
   * `annotated`: the dispatcher's local facts changed; `synced`: a sync stored provider data;
   * `removed`: an account was removed with its cached freights.
   */
  reason: z.enum(['annotated', 'synced', 'removed']),
  /** The freights that changed, when known; absent means "any may have changed". */
  ids: z.array(FreightId).optional(),
  accountId: AccountId.optional(),
})
export type FreightsChanged = z.infer<typeof FreightsChanged>

export const contract = {
  'app.info': { input: noInput, output: AppInfo },
  /** Notices main raised before the page could listen (a damaged cache set aside at start, ...). */
  'app.notices': { input: noInput, output: z.array(Notice) },
  /**
   * Opens an https address in the system browser: at once for the providers' hosts and share
   * links the app made, others after the dispatcher confirmed them. `opened: false` where the
   * shell cannot (the page opens it itself), `declined: true` when the dispatcher said no.
   */
  'app.openExternal': {
    input: OpenExternalInput,
    output: z.object({ opened: z.boolean(), declined: z.boolean().optional() }),
  },
  /** One page of cached freights matching a query, with the total count. */
  'freights.query': { input: FreightQuery, output: FreightPage },
  /** One cached freight with its raw provider payload and the dispatcher's annotation. */
  'freights.get': { input: FreightGetInput, output: FreightDetail },
  /** Counts per status, provider, truck body and loading country for the filter controls. */
  'freights.facets': { input: FreightFilter, output: FreightFacets },
  /** Sets seen, hidden, note or tags of one or more freights; answers their annotations. */
  'freights.annotate': { input: AnnotateInput, output: z.array(FreightAnnotation) },
  /** Counts per account, vehicle size, publication type, unloading country or currency. */
  'freights.valueCounts': { input: ValueCountsInput, output: z.array(ValueCount) },
  /** Writes the current view (filters, sort, visible columns) to a CSV or XLSX file. */
  'freights.export': { input: ExportRequest, output: ExportOutcome },
  /** The grid as it was left: the open view with its unsaved edits, and when it was last seen. */
  'grid.state': { input: noInput, output: GridState },
  'grid.saveState': { input: SaveGridStateInput, output: GridState },
  'views.list': { input: noInput, output: z.array(SavedView) },
  'views.save': { input: SaveViewInput, output: SavedView },
  'views.remove': { input: RemoveViewInput, output: z.object({ removed: z.literal(true) }) },
  /** Every provider account with its settings, state and which secrets are set (never their values). */
  'accounts.list': { input: noInput, output: z.array(Account) },
  /** Adds an account. SpotGo and Crego credentials are checked with the provider first. */
  'accounts.add': { input: AddAccountInput, output: Account },
  /** Changes settings or replaces credentials (checked with the provider before saving). */
  'accounts.update': { input: UpdateAccountInput, output: Account },
  /** Removes an account and its secrets, and its cached freights when asked to. */
  'accounts.remove': { input: RemoveAccountInput, output: RemoveAccountResult },
  /** Calls the provider with the stored credentials: ok, bad credentials or unreachable. */
  'accounts.test': { input: AccountRef, output: ConnectionTest },
  /** Starts signing in to Trans.eu in the system browser; `accounts.signIn.finished` tells the end. */
  'accounts.signIn.start': { input: AccountRef, output: SignInStarted },
  /** Finishes a sign-in with the redirected address (or the code) pasted from the browser. */
  'accounts.signIn.complete': { input: CompleteSignInInput, output: Account },
  'accounts.signIn.cancel': { input: SignInRef, output: z.object({ cancelled: z.boolean() }) },
  /**
   * Starts a sync of one account, or of every account with freights. Answers at once; a request
   * for an account already syncing joins its run. `sync.progress` reports the run.
   */
  'sync.start': { input: SyncStartInput, output: SyncStarted },
  /** Stops the running sync of one account, or every running sync. */
  'sync.cancel': { input: SyncCancelInput, output: z.object({ cancelled: z.number().int() }) },
  /** The latest runs of an account, newest first. */
  'sync.runs': { input: SyncRunsInput, output: z.array(SyncRun) },
  /**
   * What the account's last sync that read its lists could not read (left out) or read only in
   * part (stored), item by item with the reasons.
   */
  'sync.readProblems': { input: ReadProblemsInput, output: ReadProblemReport },
  /**
   * Puts a diagnostic of those items on the clipboard for support: the reasons and the items as
   * the provider sent them, with secrets, e-mail addresses and phone numbers masked.
   */
  'sync.copyDiagnostic': { input: ReadProblemsInput, output: DiagnosticCopied },
  /** Each account's connectivity: online, offline, needs sign-in or provider error. */
  'connectivity.get': { input: noInput, output: z.array(AccountConnectivity) },
  /**
   * Withdraws a SpotGo freight or deletes a Trans.eu draft at the provider; when the provider is
   * unreachable the change waits in the outbox and is sent when it is back.
   */
  'freights.delete': { input: FreightDeleteInput, output: FreightDeleteResult },
  /**
   * Sets a new price on a SpotGo freight (start price, ceiling, currency, payment term). When
   * SpotGo is unreachable the change waits in the outbox and is sent, in order, when it is back.
   */
  'freights.changePrice': { input: FreightChangePriceInput, output: ProviderChangeResult },
  /** Provider changes waiting to be sent or refused by the provider, oldest first. */
  'outbox.list': { input: noInput, output: z.array(OutboxItem) },
  /** Sends a waiting or failed change again now. */
  'outbox.retry': { input: OutboxRef, output: z.array(OutboxItem) },
  /** Drops a change for good without sending it. */
  'outbox.discard': { input: OutboxRef, output: z.array(OutboxItem) },
  /** Asks SpotGo for one public link to the chosen freights; stored in the history once made. */
  'shares.createFreightLink': { input: CreateFreightLinkInput, output: Share },
  /** Asks Crego for a public link to a document until `expiresAt`; stored once made. */
  'shares.createDocumentLink': { input: CreateDocumentLinkInput, output: Share },
  /** The share history, newest first, by state (active, expired, revoked) or all, account, document or freight. */
  'shares.list': { input: ListSharesInput, output: z.array(Share) },
  /** Moves a Crego link's expiry (SpotGo links cannot be changed). */
  'shares.extend': { input: ExtendShareInput, output: Share },
  /** Revokes a Crego link: it answers 410 from then on; the history keeps it, marked revoked. */
  'shares.revoke': { input: ShareRef, output: Share },
  /** Puts a link on the clipboard (main's), as text and as an HTML link. */
  'shares.copy': { input: CopyShareInput, output: CopyResult },
  /** A Crego account's documents (from Crego, or the cached copy when it cannot be reached). */
  'documents.list': { input: ListDocumentsInput, output: DocumentList },
  /** One document with its share links. */
  'documents.get': { input: DocumentRef, output: DocumentDetail },
  /** The documents of a freight: tagged with one of its references, in any Crego account. */
  'documents.forFreight': { input: FreightDocumentsInput, output: FreightDocuments },
  /** Whether sample data (sandbox mode) is on, starting, offline or failed. */
  'sandbox.status': { input: noInput, output: SandboxStatus },
  /**
   * "Try with sample data": starts the provider simulators in the app, adds one sandbox account per
   * provider and syncs them. Answers when the accounts are added (the sync runs on).
   */
  'sandbox.start': { input: noInput, output: SandboxStatus },
  /** Stops the simulators and removes the sandbox accounts, their secrets, cached data and shares. */
  'sandbox.remove': { input: noInput, output: SandboxRemoved },
  /** Takes the simulators offline (connections refused) or back online. */
  'sandbox.setOffline': { input: SandboxOfflineInput, output: SandboxStatus },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>

const commandIds = commands.map((each) => each.id) as [CommandId, ...CommandId[]]

/** A command chosen in the native menu: the page runs it as its own keys would. */
export const MenuCommand = z.strictObject({ id: z.enum(commandIds) })
export type MenuCommand = z.infer<typeof MenuCommand>

export const events = {
  /** A message from main for the dispatcher (shown as a toast). */
  'app.notice': Notice,
  /** Cached freights changed; lists and details on screen should reload. */
  'freights.changed': FreightsChanged,
  /** An account was added, changed, removed, signed in, or its state changed. */
  'accounts.changed': AccountsChanged,
  /** A browser sign-in ended: signed in, refused, failed or timed out. */
  'accounts.signIn.finished': SignInFinished,
  /** A sync run started, stored a page, or ended. */
  'sync.progress': SyncProgress,
  /** An account went online, offline, needs sign-in or has a provider error (or its last sync changed). */
  'connectivity.changed': AccountConnectivity,
  /** The outbox gained, sent, lost or failed an item. */
  'outbox.changed': OutboxChanged,
  /** Sample data was started, brought back, taken offline or online, or removed. */
  'sandbox.changed': SandboxStatus,
  /** A share link was made, extended or revoked from this app. */
  'shares.changed': SharesChanged,
  /** The dispatcher chose one of the app's commands in the native menu (Electron only). */
  'menu.command': MenuCommand,
} as const satisfies Record<string, z.ZodType>

export type Contract = typeof contract
export type Channel = keyof Contract
export type EventName = keyof typeof events

/** What a caller passes (before zod transforms and defaults). */
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>
/** What a handler receives (after parsing). */
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>

export const channelNames = Object.keys(contract) as Channel[]
export const eventNames = Object.keys(events) as EventName[]

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(contract, name)
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name)
}
