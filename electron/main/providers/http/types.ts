/** The shapes of a provider call and its answer, shared by the client and its parts. */
import type { z } from 'zod'
import type { Logger } from '../../log'
import type { ProviderErrorKind, ProviderName } from '../errors'
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
