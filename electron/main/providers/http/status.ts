/**
 * What an answer's status means: the kind of failure, whether it may be retried, how long the
 * provider asked us to wait, and the sentence the dispatcher reads.
 */
import {
  readProblem,
  ProviderError,
  safeDetail,
  sentence,
  summarizeFieldMessages,
  type ProviderErrorKind,
  type ProviderName,
  type ProviderProblem,
} from '../errors'
import { AttemptFailure, networkFailure, type AttemptSignals } from './attempt'
import { BodyTooLarge, decode, readLimited } from './body'
import type { HttpRequest } from './types'

const maxErrorBodyBytes = 64 * 1024
const oauthAuthCodes = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client'])

/** A failure of one attempt, before it is decided whether to try again. */

/** The failure an answer outside the accepted statuses stands for. */
export async function statusFailure(
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

/** Who is calling, for the messages. */
export interface CallerLabel {
  provider: ProviderName
  label: string
  /** What to do when the provider refuses the sign-in. */
  authHint: string
}

/** The error the caller gets for the last failure: its kind, a readable sentence, no secrets. */
export function toProviderError(
  caller: CallerLabel,
  request: HttpRequest,
  failure: AttemptFailure,
  secrets: readonly string[],
): ProviderError {
  const detail = safeDetail(failure.problem.detail, secrets)
  const fields = redactFields(failure.problem.fields, secrets)
  const retryAfterSeconds =
    failure.retryAfterMs !== null ? Math.ceil(failure.retryAfterMs / 1000) : undefined
  return new ProviderError({
    provider: caller.provider,
    kind: failure.kind,
    status: failure.status,
    message:
      failure.userMessage ??
      messageFor(caller.label, request.action, failure, detail, fields, caller.authHint),
    fields,
    retryAfterSeconds,
    providerCode: failure.problem.code,
    cause: failure.cause,
  })
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

/** `Retry-After` as milliseconds: delta seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === '') return null
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}
