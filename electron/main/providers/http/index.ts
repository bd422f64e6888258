/**
 * The one careful HTTP layer every provider client uses, on Node's fetch: a timeout per attempt,
 * cancellation through the caller's AbortSignal, client-side pacing through a rate limiter,
 * retries with exponential backoff and jitter (honouring `Retry-After`, capped) for calls that may
 * be repeated, bounded body reads, JSON parsing and zod validation at the edge, and every failure
 * turned into a `ProviderError` whose message names the provider and the next step.
 *
 * Which calls are retried: GET, HEAD, PUT and DELETE on network errors, timeouts, 429, 5xx, a
 * connection cut mid-body and a body that is not valid JSON. Any other call (POST, PATCH) is
 * repeated only when the connection was refused, i.e. nothing was sent: a repeated POST could
 * create a second freight, and a repeated token refresh would spend a single-use refresh token.
 *
 * Logging: one line per retry and per failure, with the provider, the action, the method, the
 * status and the attempt. Never a URL, a header, a body or a query string.
 */
import type { z } from 'zod'
import type { Logger } from '../../log'
import {
  isAbortError,
  providerLabels,
  readProblem,
  ProviderError,
  safeDetail,
  sentence,
  summarizeFieldMessages,
  type ProviderErrorKind,
  type ProviderName,
  type ProviderProblem,
} from '../errors'
import type { RateLimiter } from '../rate-limiter'

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** Knobs shared by every client; tests inject `fetch`, `sleep` and `random`. */
export interface HttpTuning {
  /** Per attempt, until the body is read (default 30 s). */
  timeoutMs?: number
  /** Attempts of a retryable call, the first included (default 4). */
  maxAttempts?: number
  /** First backoff step (default 250 ms); doubles each attempt. */
  baseDelayMs?: number
  /** Largest backoff step (default 8 s). */
  maxDelayMs?: number
  /** Longest `Retry-After` waited for; a longer one ends the call as rate limited (default 30 s). */
  maxRetryAfterMs?: number
  /** Largest JSON body read (default 32 MiB). */
  maxBodyBytes?: number
  fetch?: typeof fetch
  /** Waits between attempts (default: a timer that the caller's signal cancels). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** Jitter source in [0, 1) (default `Math.random`). */
  random?: () => number
}

export interface HttpClientOptions extends HttpTuning {
  provider: ProviderName
  baseUrl: string
  log: Logger
  /** Paces every call unless a request names another limiter (or none). */
  limiter?: RateLimiter
  /** Sent with every request (e.g. SpotGo's `x-api-version`). */
  headers?: Record<string, string>
  /** The next step when credentials are refused ("Check the API key in Accounts."). */
  authHint: string
}

export interface HttpRequest {
  method: HttpMethod
  /** Path below the base URL (`/api/v1/freights`), or an absolute URL on the same host. */
  path: string
  query?: Record<string, string | number | boolean | undefined | null>
  /** Request headers; credential headers are treated as secrets (kept out of messages). */
  headers?: Record<string, string>
  /** A JSON body. */
  json?: unknown
  /** A form-encoded body. */
  form?: Record<string, string | undefined>
  /** What the call does, for messages and logs: "list freights", "delete the draft". */
  action: string
  signal?: AbortSignal
  timeoutMs?: number
  /** Another limiter for this call (Trans.eu's token endpoint), or null for none. */
  limiter?: RateLimiter | null
  /** Override of the method's default: may this call be sent twice? */
  idempotent?: boolean
  maxAttempts?: number
  /** Values to keep out of messages in addition to credential headers (passwords, codes). */
  secrets?: readonly string[]
  /** Statuses that count as success (default: any 2xx). */
  accept?: readonly number[]
  /** Per-status kinds where a provider documents a status differently (Trans.eu's 403). */
  statusKinds?: Readonly<Partial<Record<number, ProviderErrorKind>>>
}

export interface JsonRequest<Schema extends z.ZodType> extends HttpRequest {
  /** Checks the answer; its output is `data`. */
  schema: Schema
}

export interface HttpResponse {
  status: number
  headers: Headers
}

export interface JsonResponse<T> extends HttpResponse {
  /** The validated (and possibly normalized) answer. */
  data: T
  /** The answer exactly as parsed from JSON, before validation (undefined for a 204). */
  raw: unknown
}

export interface BytesResponse extends HttpResponse {
  bytes: Uint8Array
  contentType: string | null
}

export interface StreamResponse extends HttpResponse {
  /** The body, cut off with an error if it grows past `maxBytes`. Read it or cancel it. */
  body: ReadableStream<Uint8Array>
  contentType: string | null
  /** From `content-length`, when the server sent it. */
  size: number | null
}

export interface HttpClient {
  readonly provider: ProviderName
  readonly baseUrl: string
  /** A JSON answer, validated with `schema`. */
  json<Schema extends z.ZodType>(
    request: JsonRequest<Schema>,
  ): Promise<JsonResponse<z.output<Schema>>>
  /** A call whose answer body is not needed (204, or a body that is ignored). */
  send(request: HttpRequest): Promise<HttpResponse>
  /** The whole body as bytes, refused when larger than `maxBytes`. */
  bytes(request: HttpRequest & { maxBytes: number }): Promise<BytesResponse>
  /**
   * The body as a stream, refused when `content-length` exceeds `maxBytes` and cut off when more
   * arrives. Retries cover the call until the headers arrive; the caller's signal still cancels
   * the stream afterwards.
   */
  stream(request: HttpRequest & { maxBytes: number }): Promise<StreamResponse>
}

const defaults = {
  timeoutMs: 30_000,
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
  maxBodyBytes: 32 * 1024 * 1024,
}
const maxErrorBodyBytes = 64 * 1024
const credentialHeaders = ['authorization', 'x-api-key', 'api-key', 'cookie']
/** Connection failures that happen before anything is sent: safe to repeat for any method. */
const notSentCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
])
const oauthAuthCodes = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client'])

/** A failure of one attempt, before it is decided whether to try again. */
class AttemptFailure extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    readonly retryable: 'always' | 'idempotent' | 'never',
    readonly status: number | null,
    readonly reason: string,
    readonly problem: ProviderProblem = {},
    readonly retryAfterMs: number | null = null,
    override readonly cause?: unknown,
    /** A message that replaces the one built from the kind. */
    readonly userMessage?: string,
  ) {
    super(reason)
    this.name = 'AttemptFailure'
  }
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const tuning = { ...defaults, ...definedOnly(options) }
  const doFetch = options.fetch ?? fetch
  const sleep = options.sleep ?? abortableSleep
  const random = options.random ?? Math.random
  const label = providerLabels[options.provider]
  const base = new URL(options.baseUrl)

  function urlFor(request: HttpRequest): URL {
    const url = /^https?:/i.test(request.path)
      ? new URL(request.path)
      : new URL(`${base.pathname.replace(/\/$/, '')}${request.path}`, base.origin)
    if (url.origin !== base.origin) {
      throw new Error(`A ${label} call may only go to ${base.origin}.`)
    }
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(key, String(value))
    }
    return url
  }

  function secretsOf(request: HttpRequest): string[] {
    const secrets = [...(request.secrets ?? [])]
    const headers = { ...options.headers, ...request.headers }
    for (const [name, value] of Object.entries(headers)) {
      if (!credentialHeaders.includes(name.toLowerCase())) continue
      secrets.push(value)
      const bearer = /^Bearer\s+(.+)$/i.exec(value)
      if (bearer?.[1]) secrets.push(bearer[1])
    }
    return secrets
  }

  /**
   * Runs attempts until one succeeds, a failure may not be retried, or attempts run out. `read`
   * turns a successful answer into the result; it may throw an `AttemptFailure`.
   */
  async function perform<Result>(
    request: HttpRequest,
    read: (response: Response, attempt: AttemptSignals) => Promise<Result>,
    streaming = false,
  ): Promise<Result> {
    const url = urlFor(request)
    const secrets = secretsOf(request)
    const idempotent =
      request.idempotent ?? ['GET', 'HEAD', 'PUT', 'DELETE'].includes(request.method)
    const maxAttempts = Math.max(1, request.maxAttempts ?? tuning.maxAttempts)
    const limiter = request.limiter === undefined ? options.limiter : request.limiter
    const timeoutMs = request.timeoutMs ?? tuning.timeoutMs
    const { body, contentType } = encodeBody(request)
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...options.headers,
      ...(contentType ? { 'content-type': contentType } : {}),
      ...request.headers,
    }

    for (let attempt = 1; ; attempt++) {
      request.signal?.throwIfAborted()
      const slotDone = limiter ? await limiter.acquire(request.signal) : undefined
      const signals = attemptSignals(request.signal, timeoutMs)
      let failure: AttemptFailure
      try {
        let response: Response
        try {
          response = await doFetch(url, {
            method: request.method,
            headers,
            body,
            signal: signals.signal,
            redirect: 'manual',
          })
          // The provider has counted the request: the limiter learns the round trip from here.
          slotDone?.('answered')
        } catch (error) {
          slotDone?.('failed')
          throw networkFailure(error, signals, timeoutMs, false)
        }
        if (streaming) signals.stopTimer()
        const accepted = request.accept
          ? request.accept.includes(response.status)
          : response.status >= 200 && response.status < 300
        if (accepted) {
          const result = await read(response, signals)
          // A stream stays tied to the caller's signal after this function returns.
          if (!streaming) signals.dispose()
          return result
        }
        throw await statusFailure(request, response, signals, timeoutMs)
      } catch (error) {
        signals.dispose()
        if (request.signal?.aborted) throw request.signal.reason
        if (!(error instanceof AttemptFailure)) throw error
        failure = error
      }

      const retryable =
        failure.retryable === 'always' || (failure.retryable === 'idempotent' && idempotent)
      if (failure.kind === 'rate_limited') limiter?.throttled(failure.retryAfterMs)
      const tooLongToWait =
        failure.retryAfterMs !== null && failure.retryAfterMs > tuning.maxRetryAfterMs
      if (!retryable || attempt >= maxAttempts || tooLongToWait) {
        const error = toProviderError(request, failure, secrets)
        options.log.warn(`${label} ${request.action} failed`, {
          provider: options.provider,
          action: request.action,
          method: request.method,
          status: failure.status,
          kind: failure.kind,
          attempts: attempt,
        })
        throw error
      }
      const backoff = Math.min(tuning.maxDelayMs, tuning.baseDelayMs * 2 ** (attempt - 1))
      const jittered = Math.round(backoff / 2 + (random() * backoff) / 2)
      const delayMs = Math.max(jittered, failure.retryAfterMs ?? 0)
      options.log.warn(`${label} ${request.action}: ${failure.reason}; trying again`, {
        provider: options.provider,
        action: request.action,
        method: request.method,
        status: failure.status,
        kind: failure.kind,
        attempt,
        delayMs,
      })
      await sleep(delayMs, request.signal)
    }
  }

  async function statusFailure(
    request: HttpRequest,
    response: Response,
    signals: AttemptSignals,
    timeoutMs: number,
  ): Promise<AttemptFailure> {
    const status = response.status
    let problem: ProviderProblem = {}
    try {
      const text = decode(await readLimited(response, maxErrorBodyBytes, true))
      if (text.trim() !== '') problem = readProblem(JSON.parse(text))
    } catch (error) {
      if (error instanceof SyntaxError || error instanceof BodyTooLarge) {
        problem = {}
      } else {
        // The connection broke while reading the error body: judge by the status alone.
        if (request.signal?.aborted) throw request.signal.reason
        const network = networkFailure(error, signals, timeoutMs, true)
        if (status < 500 && status !== 429) return network
      }
    }
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'))
    const override = request.statusKinds?.[status]
    if (override) return new AttemptFailure(override, 'never', status, `HTTP ${status}`, problem)
    if (status === 429) {
      return new AttemptFailure(
        'rate_limited',
        'idempotent',
        status,
        'HTTP 429',
        problem,
        retryAfterMs,
      )
    }
    if (status >= 500) {
      return new AttemptFailure(
        'server',
        'idempotent',
        status,
        `HTTP ${status}`,
        problem,
        retryAfterMs,
      )
    }
    if (status >= 300 && status < 400) {
      return new AttemptFailure('bad_response', 'never', status, `redirect ${status}`, problem)
    }
    const kind = kindOfStatus(status, problem)
    return new AttemptFailure(kind, 'never', status, `HTTP ${status}`, problem)
  }

  function toProviderError(
    request: HttpRequest,
    failure: AttemptFailure,
    secrets: readonly string[],
  ): ProviderError {
    const detail = safeDetail(failure.problem.detail, secrets)
    const fields = redactFields(failure.problem.fields, secrets)
    const retryAfterSeconds =
      failure.retryAfterMs !== null ? Math.ceil(failure.retryAfterMs / 1000) : undefined
    return new ProviderError({
      provider: options.provider,
      kind: failure.kind,
      status: failure.status,
      message:
        failure.userMessage ??
        messageFor(label, request.action, failure, detail, fields, options.authHint),
      fields,
      retryAfterSeconds,
      providerCode: failure.problem.code,
      cause: failure.cause,
    })
  }

  async function readJson(response: Response, maxBytes: number): Promise<unknown> {
    const type = response.headers.get('content-type')
    let text: string
    try {
      text = decode(await readLimited(response, maxBytes, false))
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        throw new AttemptFailure('bad_response', 'never', response.status, error.message)
      }
      throw error
    }
    // No content: the schema decides whether an answer without a body is acceptable.
    if ((response.status === 204 || response.status === 205) && text.trim() === '') return undefined
    if (type !== null && !/json/i.test(type)) {
      throw new AttemptFailure(
        'bad_response',
        'never',
        response.status,
        `answered ${type.split(';')[0] ?? type} instead of JSON`,
      )
    }
    try {
      return JSON.parse(text) as unknown
    } catch (error) {
      // A body cut short is usually a passing fault: a call that may be repeated tries again.
      throw new AttemptFailure(
        'bad_response',
        'idempotent',
        response.status,
        'the answer is not valid JSON',
        {},
        null,
        error,
      )
    }
  }

  function tooLarge(request: HttpRequest & { maxBytes: number }, status: number): AttemptFailure {
    return new AttemptFailure(
      'rejected',
      'never',
      status,
      'too large',
      {},
      null,
      undefined,
      `What ${label} sent to ${request.action} is larger than the ${formatBytes(request.maxBytes)} Freightdesk accepts. Open it on ${label} instead.`,
    )
  }

  return {
    provider: options.provider,
    baseUrl: base.origin,
    json(request) {
      return perform(request, async (response, signals) => {
        let raw: unknown
        try {
          raw = await readJson(response, tuning.maxBodyBytes)
        } catch (error) {
          if (error instanceof AttemptFailure) throw error
          throw networkFailure(error, signals, request.timeoutMs ?? tuning.timeoutMs, true)
        }
        const parsed = request.schema.safeParse(raw)
        if (!parsed.success) {
          throw new AttemptFailure(
            'bad_response',
            'never',
            response.status,
            `the answer does not have the expected shape (${describeIssues(parsed.error.issues)})`,
            {},
            null,
            parsed.error,
          )
        }
        return { status: response.status, headers: response.headers, data: parsed.data, raw }
      })
    },
    send(request) {
      return perform(request, async (response, signals) => {
        try {
          await response.body?.cancel()
        } catch (error) {
          throw networkFailure(error, signals, request.timeoutMs ?? tuning.timeoutMs, true)
        }
        return { status: response.status, headers: response.headers }
      })
    },
    bytes(request) {
      return perform(request, async (response, signals) => {
        try {
          const bytes = await readLimited(response, request.maxBytes, false)
          return {
            status: response.status,
            headers: response.headers,
            bytes,
            contentType: response.headers.get('content-type'),
          }
        } catch (error) {
          if (error instanceof BodyTooLarge) throw tooLarge(request, response.status)
          throw networkFailure(error, signals, request.timeoutMs ?? tuning.timeoutMs, true)
        }
      })
    },
    stream(request) {
      return perform(
        request,
        (response) => {
          const size = contentLength(response)
          if (size !== null && size > request.maxBytes) {
            void response.body?.cancel().catch(() => undefined)
            throw tooLarge(request, response.status)
          }
          const body = (response.body ?? emptyStream()).pipeThrough(limitStream(request.maxBytes))
          return Promise.resolve({
            status: response.status,
            headers: response.headers,
            body,
            contentType: response.headers.get('content-type'),
            size,
          })
        },
        true,
      )
    },
  }
}

interface AttemptSignals {
  signal: AbortSignal
  timedOut(): boolean
  stopTimer(): void
  dispose(): void
}

/** The caller's signal combined with this attempt's timeout. */
function attemptSignals(caller: AbortSignal | undefined, timeoutMs: number): AttemptSignals {
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort(new DOMException('The provider did not answer in time.', 'TimeoutError'))
  }, timeoutMs)
  const onAbort = () => controller.abort(caller?.reason)
  caller?.addEventListener('abort', onAbort, { once: true })
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    stopTimer: () => clearTimeout(timer),
    dispose() {
      clearTimeout(timer)
      caller?.removeEventListener('abort', onAbort)
    },
  }
}

/** A failure of the connection (refused, reset, cut mid-body) or of the timeout. */
function networkFailure(
  error: unknown,
  signals: AttemptSignals,
  timeoutMs: number,
  sent: boolean,
): AttemptFailure {
  if (signals.timedOut()) {
    return new AttemptFailure(
      'timeout',
      'idempotent',
      null,
      `no answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`,
      {},
      null,
      error,
    )
  }
  if (isAbortError(error) && !signals.timedOut()) {
    // The caller's signal: perform() rethrows its reason.
    return new AttemptFailure('offline', 'never', null, 'cancelled', {}, null, error)
  }
  const code = errorCode(error)
  const notSent = !sent && code !== undefined && notSentCodes.has(code)
  return new AttemptFailure(
    'offline',
    notSent ? 'always' : 'idempotent',
    null,
    code === 'ECONNREFUSED'
      ? 'connection refused'
      : sent
        ? 'the connection broke during the answer'
        : `network error${code ? ` (${code})` : ''}`,
    {},
    null,
    error,
  )
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

function kindOfStatus(status: number, problem: ProviderProblem): ProviderErrorKind {
  if (problem.code && oauthAuthCodes.has(problem.code)) return 'auth'
  switch (status) {
    case 401:
      return 'auth'
    case 403:
      return 'forbidden'
    case 404:
      return 'not_found'
    case 409:
      return 'conflict'
    case 410:
      return 'gone'
    case 400:
    case 422:
      return 'validation'
    default:
      return problem.fields ? 'validation' : 'rejected'
  }
}

function messageFor(
  label: string,
  action: string,
  failure: AttemptFailure,
  detail: string,
  fields: Record<string, string[]> | undefined,
  authHint: string,
): string {
  const because = detail ? `: ${sentence(detail)}` : '.'
  switch (failure.kind) {
    case 'offline':
      return `${label} could not be reached to ${action} (${failure.reason}). Check the internet connection and try again; cached data stays available.`
    case 'timeout':
      return `${label} did not answer in time to ${action} (${failure.reason}). Try again in a moment.`
    case 'auth':
      return `${label} did not accept the sign-in${because} ${authHint}`
    case 'forbidden':
      return `${label} refused to ${action}${because} Check the account's permissions on ${label}.`
    case 'rate_limited': {
      const seconds = failure.retryAfterMs !== null ? Math.ceil(failure.retryAfterMs / 1000) : null
      return `${label} is limiting requests right now. Try again ${seconds !== null ? `in ${seconds} s` : 'in a minute'}.`
    }
    case 'validation': {
      const summary =
        fields && Object.keys(fields).length > 0 ? summarizeFieldMessages(fields) : detail
      return `${label} did not accept the data to ${action}${summary ? `: ${sentence(summary)}` : '.'} Correct it and try again.`
    }
    case 'not_found':
      return `${label} could not ${action}${detail ? because : ': it was not found.'} It may have been removed meanwhile; refresh and try again.`
    case 'gone':
      return `${label} says this has expired or was revoked${because}`
    case 'conflict':
      return `${label} refused to ${action}${because}`
    case 'rejected':
      return `${label} refused to ${action} (HTTP ${failure.status ?? '?'})${because} If it keeps happening, report it.`
    case 'bad_response':
      return `${label} sent an answer Freightdesk cannot read while trying to ${action} (${failure.reason}). Try again later; if it keeps happening, report it.`
    case 'server':
      return `${label} had a problem and could not ${action} (HTTP ${failure.status ?? '?'}). Try again in a few minutes.`
  }
}

function redactFields(
  fields: Record<string, string[]> | undefined,
  secrets: readonly string[],
): Record<string, string[]> | undefined {
  if (!fields) return undefined
  return Object.fromEntries(
    Object.entries(fields).map(([field, messages]) => [
      field,
      messages.map((message) => safeDetail(message, secrets) || 'Not accepted.'),
    ]),
  )
}

/** Paths and messages of the first few issues, never the values. */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || 'body'}: ${issue.message}`)
  return issues.length > 3 ? `${shown.join('; ')}; and ${issues.length - 3} more` : shown.join('; ')
}

/** `Retry-After` as milliseconds: delta seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === '') return null
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}

function encodeBody(request: HttpRequest): {
  body: string | undefined
  contentType: string | null
} {
  if (request.json !== undefined) {
    return { body: JSON.stringify(request.json), contentType: 'application/json' }
  }
  if (request.form !== undefined) {
    const form = new URLSearchParams()
    for (const [key, value] of Object.entries(request.form)) {
      if (value !== undefined) form.set(key, value)
    }
    return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' }
  }
  return { body: undefined, contentType: null }
}

class BodyTooLarge extends Error {
  constructor(limit: number) {
    super(`the answer is larger than ${limit} bytes`)
  }
}

function contentLength(response: Response): number | null {
  const value = response.headers.get('content-length')
  return value !== null && /^\d+$/.test(value) ? Number(value) : null
}

/** Reads the whole body, refusing more than `maxBytes` (or cutting it off when `truncate`). */
async function readLimited(
  response: Response,
  maxBytes: number,
  truncate: boolean,
): Promise<Uint8Array> {
  const declared = contentLength(response)
  if (!truncate && declared !== null && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined)
    throw new BodyTooLarge(maxBytes)
  }
  if (!response.body) return new Uint8Array(0)
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined)
      if (truncate) break
      throw new BodyTooLarge(maxBytes)
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(Math.min(total, maxBytes))
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk.subarray(0, bytes.length - offset), offset)
    offset += chunk.byteLength
  }
  return bytes
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`
  return `${bytes} bytes`
}

function decode(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes)
}

function limitStream(maxBytes: number): TransformStream<Uint8Array, Uint8Array> {
  let total = 0
  return new TransformStream({
    transform(chunk, controller) {
      total += chunk.byteLength
      if (total > maxBytes) controller.error(new BodyTooLarge(maxBytes))
      else controller.enqueue(chunk)
    },
  })
}

function emptyStream(): ReadableStream<Uint8Array> {
  return new ReadableStream({ start: (controller) => controller.close() })
}

/** A timer that the signal cancels (rejecting with the signal's reason). */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason as Error)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

function definedOnly(options: HttpTuning): Partial<typeof defaults> {
  const picked: Partial<typeof defaults> = {}
  for (const key of Object.keys(defaults) as (keyof typeof defaults)[]) {
    const value = options[key]
    if (typeof value === 'number') picked[key] = value
  }
  return picked
}
