/**
 * Connection checks: one cheap authenticated call per account, judged as ok, bad credentials,
 * unreachable or provider error. Connectivity is measured with it, and an account's Test
 * connection shows it.
 */
import type { AppError } from '@shared/errors'
import { isProviderError, toAppError, type ProviderName } from './errors'

export const probeOutcomes = ['ok', 'bad_credentials', 'unreachable', 'provider_error'] as const
export type ProbeOutcome = (typeof probeOutcomes)[number]

export interface ProbeResult {
  outcome: ProbeOutcome
  /** How long the call took, retries and refreshes included. */
  latencyMs: number
  /** What went wrong, ready for the UI (absent when ok). */
  error?: AppError
}

/** Settings for the probe call itself: one quick attempt, no retries. */
export const probeRequest = { maxAttempts: 1, timeoutMs: 10_000 } as const

/** Runs `call` and judges its outcome; a cancelled probe rethrows the signal's reason. */
export async function probeWith(
  provider: ProviderName,
  call: () => Promise<unknown>,
  signal?: AbortSignal,
): Promise<ProbeResult> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  try {
    await call()
    return { outcome: 'ok', latencyMs: elapsed() }
  } catch (error) {
    if (signal?.aborted) throw signal.reason
    const appError = toAppError(error, provider)
    if (!isProviderError(error))
      return { outcome: 'provider_error', latencyMs: elapsed(), error: appError }
    const outcome: ProbeOutcome =
      error.kind === 'auth' || error.kind === 'forbidden'
        ? 'bad_credentials'
        : error.kind === 'offline' || error.kind === 'timeout'
          ? 'unreachable'
          : 'provider_error'
    return { outcome, latencyMs: elapsed(), error: appError }
  }
}
