/**
 * One attempt of a call: its signals (the caller's cancellation and the attempt's timeout) and
 * the failure it ended in, before the retry loop decides whether to try again.
 */
import { isAbortError, type ProviderErrorKind, type ProviderProblem } from '../errors'

/** Connection failures that happen before anything is sent: safe to repeat for any method. */
const notSentCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
])

/** A failure of one attempt, before it is decided whether to try again. */
export class AttemptFailure extends Error {
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

export interface AttemptSignals {
  signal: AbortSignal
  timedOut(): boolean
  stopTimer(): void
  dispose(): void
}

/** The caller's signal combined with this attempt's timeout. */
export function attemptSignals(caller: AbortSignal | undefined, timeoutMs: number): AttemptSignals {
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
export function networkFailure(
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
