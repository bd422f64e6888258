/**
 * The retry loop: runs attempts of one call until one succeeds, a failure may not be retried, or
 * attempts run out; paces every attempt through the account's rate limiter, backs off with
 * jitter and honours `Retry-After` up to a cap. One log line per retry and per failure, without
 * URLs, headers or bodies.
 */
import type { Logger } from '../../log'
import type { RateLimiter } from '../rate-limiter'
import { AttemptFailure, attemptSignals, networkFailure, type AttemptSignals } from './attempt'
import { encodeBody } from './body'
import { statusFailure, toProviderError, type CallerLabel } from './status'
import type { HttpRequest } from './types'

/** What the loop needs of its client. */
export interface RetryContext {
  caller: CallerLabel
  tuning: RetryTuning
  fetch: typeof fetch
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  random: () => number
  log: Logger
  /** The client's limiter; a request may bring its own or none. */
  limiter: RateLimiter | undefined
  /** Headers every call of the client sends. */
  headers: Record<string, string> | undefined
  urlFor(request: HttpRequest): URL
  secretsOf(request: HttpRequest): string[]
}

export interface RetryTuning {
  timeoutMs: number
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
  maxRetryAfterMs: number
}

/**
 * Runs attempts until one succeeds, a failure may not be retried, or attempts run out. `read`
 * turns a successful answer into the result; it may throw an `AttemptFailure`.
 */
export async function perform<Result>(
  context: RetryContext,
  request: HttpRequest,
  read: (response: Response, attempt: AttemptSignals) => Promise<Result>,
  streaming = false,
): Promise<Result> {
  const { caller, tuning, log } = context
  const label = caller.label
  const url = context.urlFor(request)
  const secrets = context.secretsOf(request)
  const idempotent = request.idempotent ?? ['GET', 'HEAD', 'PUT', 'DELETE'].includes(request.method)
  const maxAttempts = Math.max(1, request.maxAttempts ?? tuning.maxAttempts)
  const limiter = request.limiter === undefined ? context.limiter : request.limiter
  const timeoutMs = request.timeoutMs ?? tuning.timeoutMs
  const { body, contentType } = encodeBody(request)
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...context.headers,
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
        response = await context.fetch(url, {
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
      const error = toProviderError(caller, request, failure, secrets)
      log.warn(`${label} ${request.action} failed`, {
        provider: caller.provider,
        action: request.action,
        method: request.method,
        status: failure.status,
        kind: failure.kind,
        attempts: attempt,
      })
      throw error
    }
    const backoff = Math.min(tuning.maxDelayMs, tuning.baseDelayMs * 2 ** (attempt - 1))
    const jittered = Math.round(backoff / 2 + (context.random() * backoff) / 2)
    const delayMs = Math.max(jittered, failure.retryAfterMs ?? 0)
    log.warn(`${label} ${request.action}: ${failure.reason}; trying again`, {
      provider: caller.provider,
      action: request.action,
      method: request.method,
      status: failure.status,
      kind: failure.kind,
      attempt,
      delayMs,
    })
    await context.sleep(delayMs, request.signal)
  }
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
