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
import { providerLabels } from '../errors'
import { AttemptFailure, networkFailure } from './attempt'
import {
  BodyTooLarge,
  contentLength,
  describeIssues,
  emptyStream,
  formatBytes,
  limitStream,
  readJson,
  readLimited,
} from './body'
import { abortableSleep, perform as performWith, type RetryContext } from './retry'
import type { HttpClient, HttpClientOptions, HttpRequest, HttpTuning } from './types'

export type * from './types'
export { abortableSleep } from './retry'
export { parseRetryAfter } from './status'

const credentialHeaders = ['authorization', 'x-api-key', 'api-key', 'cookie']

const defaults = {
  timeoutMs: 30_000,
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
  maxBodyBytes: 32 * 1024 * 1024,
}

/** A client for one provider's origin: its calls go through the retry loop in retry.ts. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const tuning = { ...defaults, ...definedOnly(options) }
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

  const context: RetryContext = {
    caller: { provider: options.provider, label, authHint: options.authHint },
    tuning,
    fetch: options.fetch ?? fetch,
    sleep: options.sleep ?? abortableSleep,
    random: options.random ?? Math.random,
    log: options.log,
    limiter: options.limiter,
    headers: options.headers,
    urlFor,
    secretsOf,
  }
  const perform = <Result>(
    request: HttpRequest,
    read: Parameters<typeof performWith<Result>>[2],
    streaming = false,
  ) => performWith(context, request, read, streaming)

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

function definedOnly(options: HttpTuning): Partial<typeof defaults> {
  const picked: Partial<typeof defaults> = {}
  for (const key of Object.keys(defaults) as (keyof typeof defaults)[]) {
    const value = options[key]
    if (typeof value === 'number') picked[key] = value
  }
  return picked
}
