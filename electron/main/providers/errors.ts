/**
 * One typed error for everything a provider call can end in (`ProviderError`), the reader that
 * turns any of the providers' error bodies into per-field messages, and the mapping to the app's
 * `AppError`. Messages name the provider and say what to do next; they never carry secrets, raw
 * JSON or stack traces.
 */
import {
  AppErrorException,
  isAppErrorException,
  type AppError,
  type AppErrorCode,
} from '@shared/errors'

export const providerNames = ['spotgo', 'transeu', 'crego'] as const
export type ProviderName = (typeof providerNames)[number]

export const providerLabels: Readonly<Record<ProviderName, string>> = {
  spotgo: 'SpotGo',
  transeu: 'Trans.eu',
  crego: 'Crego',
}

/**
 * What went wrong, as far as the caller needs to know: `offline` (no connection, or it broke),
 * `timeout`, `auth` (credentials refused or expired for good), `forbidden` (403), `rate_limited`
 * (429), `validation` (400/422, usually with fields), `not_found` (404), `gone` (410),
 * `conflict` (409, or a 403 the provider documents as a state conflict), `rejected` (another 4xx),
 * `bad_response` (an answer Freightdesk cannot read), `server` (5xx).
 */
export const providerErrorKinds = [
  'offline',
  'timeout',
  'auth',
  'forbidden',
  'rate_limited',
  'validation',
  'not_found',
  'gone',
  'conflict',
  'rejected',
  'bad_response',
  'server',
] as const
export type ProviderErrorKind = (typeof providerErrorKinds)[number]

const appCodes: Readonly<Record<ProviderErrorKind, AppErrorCode>> = {
  offline: 'offline',
  timeout: 'offline',
  auth: 'auth_required',
  forbidden: 'provider_error',
  rate_limited: 'rate_limited',
  validation: 'validation',
  not_found: 'not_found',
  gone: 'not_found',
  conflict: 'conflict',
  rejected: 'provider_error',
  bad_response: 'provider_error',
  server: 'provider_error',
}

export interface ProviderErrorInit {
  provider: ProviderName
  kind: ProviderErrorKind
  /** The HTTP status, or null when no answer came (offline, timeout) or the check was local. */
  status?: number | null
  /** A sentence for the dispatcher, naming the provider and the next step. */
  message: string
  /** Per-field messages keyed by the dotted path of the field in the request. */
  fields?: Record<string, string[]>
  retryAfterSeconds?: number
  /** The provider's own error code (OAuth `invalid_grant`, Crego `token_not_valid`, ...). */
  providerCode?: string
  cause?: unknown
}

/**
 * The one error every provider client throws. It is also an `AppErrorException`, so a service
 * that lets it through still hands the router the right `AppError` (see `toAppError`).
 */
export class ProviderError extends AppErrorException {
  readonly provider: ProviderName
  readonly kind: ProviderErrorKind
  readonly status: number | null
  readonly fields: Readonly<Record<string, string[]>>
  readonly retryAfterSeconds: number | undefined
  readonly providerCode: string | undefined

  constructor(init: ProviderErrorInit) {
    super(appErrorOf(init), { cause: init.cause })
    this.name = 'ProviderError'
    this.provider = init.provider
    this.kind = init.kind
    this.status = init.status ?? null
    this.fields = init.fields ?? {}
    this.retryAfterSeconds = init.retryAfterSeconds
    this.providerCode = init.providerCode
  }
}

export function isProviderError(value: unknown): value is ProviderError {
  return value instanceof ProviderError
}

/** True for the reason an aborted `AbortSignal` throws (the caller cancelled). */
export function isAbortError(value: unknown): boolean {
  return (
    value instanceof Error &&
    (value.name === 'AbortError' || (value as { code?: unknown }).code === 'ABORT_ERR')
  )
}

function appErrorOf(init: ProviderErrorInit): AppError {
  const error: AppError = {
    code: appCodes[init.kind],
    message: init.message,
    provider: init.provider,
  }
  const fields = Object.entries(init.fields ?? {})
  if (fields.length > 0) {
    error.fields = Object.fromEntries(fields.map(([path, messages]) => [path, messages.join(' ')]))
  }
  if (init.retryAfterSeconds !== undefined) error.retryAfterSeconds = init.retryAfterSeconds
  return error
}

/**
 * The `AppError` for anything a provider call threw: a `ProviderError` maps by its kind
 * (network and timeout -> offline, dead auth -> auth_required, 429 -> rate_limited, field errors
 * -> validation, 404 -> not_found, 409 -> conflict, 5xx and unreadable answers -> provider_error);
 * an `AppErrorException` keeps its error; anything else is `internal` with a safe message.
 */
export function toAppError(error: unknown, provider?: ProviderName): AppError {
  if (isAppErrorException(error)) return error.error
  const who = provider ? providerLabels[provider] : 'the provider'
  if (isAbortError(error)) {
    return { code: 'internal', message: `The request to ${who} was cancelled.`, provider }
  }
  return {
    code: 'internal',
    message: `Something went wrong while talking to ${who}. Try again; if it keeps happening, report it.`,
    ...(provider ? { provider } : {}),
  }
}

/** What a provider's error body said, whichever of the known forms it came in. */
export interface ProviderProblem {
  /** A sentence from the provider (`detail`, `message`, `error_description`). */
  detail?: string
  fields?: Record<string, string[]>
  /** `error` of an OAuth body, `code` of a Crego body. */
  code?: string
}

/**
 * Reads any of the error bodies the three providers send: RFC 7807 ProblemDetails with
 * `errors: {field: [messages]}` (SpotGo), SpotGo's ErrorViewModel (`{message, errors: [{field,
 * message}]}`), Trans.eu's problem with `validation_messages` (both the rule-to-message form and
 * the `validation_error` form), OAuth's `{error, error_description}`, Crego's `{detail, code}`
 * and Crego's field lists (`{field: [messages]}`, `non_field_errors` for the whole request).
 * Field paths come out dotted (`locations.0.period.endDate`).
 */
export function readProblem(body: unknown): ProviderProblem {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {}
  const value = body as Record<string, unknown>
  const problem: ProviderProblem = {}
  const text = (key: string) => {
    const found = value[key]
    return typeof found === 'string' && found.trim() !== '' ? found : undefined
  }

  if (value.validation_messages !== undefined) {
    problem.fields = flattenMessages(value.validation_messages)
    problem.detail = text('detail') ?? text('title')
    return problem
  }
  if (isFieldMap(value.errors)) {
    problem.fields = normalizeFieldMap(value.errors)
    problem.detail = text('detail') ?? text('title')
    return problem
  }
  if (Array.isArray(value.errors) && text('message') !== undefined) {
    const fields: Record<string, string[]> = {}
    for (const entry of value.errors) {
      if (typeof entry !== 'object' || entry === null) continue
      const { field, message } = entry as { field?: unknown; message?: unknown }
      if (typeof message !== 'string') continue
      ;(fields[typeof field === 'string' ? dotted(field) : ''] ??= []).push(message)
    }
    if (Object.keys(fields).length > 0) problem.fields = fields
    problem.detail = text('message')
    return problem
  }
  if (text('error') !== undefined) {
    problem.code = text('error')
    problem.detail = text('error_description') ?? text('error')
    return problem
  }
  if (text('detail') !== undefined || text('title') !== undefined) {
    problem.detail = text('detail') ?? text('title')
    problem.code = text('code')
    return problem
  }
  if (isFieldMap(value)) {
    problem.fields = normalizeFieldMap(value)
    return problem
  }
  if (text('message') !== undefined) problem.detail = text('message')
  return problem
}

function isFieldMap(value: unknown): value is Record<string, unknown[]> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const entries = Object.values(value)
  return (
    entries.length > 0 &&
    entries.every((messages) => Array.isArray(messages) && messages.every(isMessageLike))
  )
}

function isMessageLike(value: unknown): boolean {
  return typeof value === 'string' || (typeof value === 'object' && value !== null)
}

function normalizeFieldMap(map: Record<string, unknown[]>): Record<string, string[]> {
  const fields: Record<string, string[]> = {}
  for (const [field, messages] of Object.entries(map)) {
    const key = field === 'non_field_errors' ? '' : dotted(field)
    for (const message of messages) {
      if (typeof message === 'string') (fields[key] ??= []).push(message)
      else {
        // Django REST nests serializer errors: {"files": [{"name": ["..."]}]}
        for (const [inner, innerMessages] of Object.entries(flattenMessages(message))) {
          ;(fields[[key, inner].filter(Boolean).join('.')] ??= []).push(...innerMessages)
        }
      }
    }
  }
  return fields
}

/** Trans.eu's `validation_messages` (either form) or any nesting of objects, arrays and strings. */
function flattenMessages(messages: unknown): Record<string, string[]> {
  const flat: Record<string, string[]> = {}
  const walk = (entry: unknown, path: string[]) => {
    if (typeof entry === 'string') {
      ;(flat[path.join('.')] ??= []).push(entry)
    } else if (Array.isArray(entry)) {
      entry.forEach((item) => walk(item, path))
    } else if (typeof entry === 'object' && entry !== null) {
      for (const [key, value] of Object.entries(entry)) {
        // A string under a key is a rule name and its message; an object under a key is a field.
        if (typeof value === 'string') walk(value, path)
        else walk(value, key === 'validation_error' ? path : [...path, key])
      }
    }
  }
  walk(messages, [])
  return flat
}

/** `locations[0].period.endDate` -> `locations.0.period.endDate`. */
export function dotted(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '')
}

const maxDetailLength = 300

/**
 * A provider's sentence made safe for a message: known secrets replaced, whitespace collapsed,
 * cut to a readable length; dropped when it looks like markup or JSON rather than a sentence.
 */
export function safeDetail(detail: string | undefined, secrets: readonly string[]): string {
  if (!detail) return ''
  const text = redact(detail, secrets).replace(/\s+/g, ' ').trim()
  if (text === '' || /^[<{[]/.test(text)) return ''
  return text.length > maxDetailLength ? `${text.slice(0, maxDetailLength - 1)}…` : text
}

/** `text` with every occurrence of a secret (6 characters or longer) replaced by `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text
  for (const secret of secrets) {
    if (secret.length >= 6) result = result.split(secret).join('[redacted]')
  }
  return result
}

/** "a: message; b: message" for at most `limit` fields, then how many more. */
export function summarizeFieldMessages(fields: Record<string, string[]>, limit = 3): string {
  const entries = Object.entries(fields)
  const shown = entries
    .slice(0, limit)
    .map(([field, messages]) => (field ? `${field}: ${messages.join(' ')}` : messages.join(' ')))
  const more = entries.length - shown.length
  return more > 0 ? `${shown.join('; ')}; and ${more} more` : shown.join('; ')
}

/** Sentence end: adds a full stop unless the text already ends a sentence. */
export function sentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`
}

/** An issue as zod reports it: enough to name the field, never the value. */
interface IssueLike {
  path: readonly PropertyKey[]
  message: string
}

/**
 * A request that Freightdesk refuses before sending it: the same `validation` error a provider's
 * 400 would give, with the fields named by their dotted path in the request.
 */
export function invalidRequest(
  provider: ProviderName,
  what: string,
  issues: readonly IssueLike[],
): ProviderError {
  const fields: Record<string, string[]> = {}
  for (const issue of issues) (fields[issue.path.map(String).join('.')] ??= []).push(issue.message)
  return new ProviderError({
    provider,
    kind: 'validation',
    status: null,
    message: `The ${what} is not ready for ${providerLabels[provider]}: ${sentence(summarizeFieldMessages(fields))} Correct it and try again.`,
    fields,
  })
}
