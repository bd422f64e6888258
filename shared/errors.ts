import { z } from 'zod'

/** Every failure that crosses IPC carries one of these codes; the UI picks its wording and next step from it. */
export const appErrorCodes = [
  'validation',
  'auth_required',
  'offline',
  'rate_limited',
  'provider_error',
  'not_found',
  'conflict',
  'internal',
] as const

export const AppErrorCode = z.enum(appErrorCodes)
export type AppErrorCode = z.infer<typeof AppErrorCode>

export const AppError = z.object({
  code: AppErrorCode,
  /** A sentence a dispatcher can read, ideally saying what to do next. Never a stack trace. */
  message: z.string().min(1),
  /** Per-field messages, keyed by the dotted path of the field in the input that was sent. */
  fields: z.record(z.string(), z.string()).optional(),
  /** Which provider answered, when the failure came from one. */
  provider: z.string().optional(),
  /** Seconds after which retrying makes sense (rate limits, outages). */
  retryAfterSeconds: z.number().nonnegative().optional(),
})
export type AppError = z.infer<typeof AppError>

/** The typed exception thrown on both sides of IPC; `error` is exactly what crossed the boundary. */
export class AppErrorException extends Error {
  readonly error: AppError

  constructor(error: AppError, options?: { cause?: unknown }) {
    super(error.message, options)
    this.name = 'AppErrorException'
    this.error = error
  }

  get code(): AppErrorCode {
    return this.error.code
  }
}

/** Shorthand for throwing an `AppErrorException` from a service. */
export function appError(
  code: AppErrorCode,
  message: string,
  extra: Omit<AppError, 'code' | 'message'> = {},
  cause?: unknown,
): AppErrorException {
  return new AppErrorException({ code, message, ...extra }, { cause })
}

export function isAppErrorException(value: unknown): value is AppErrorException {
  return value instanceof AppErrorException
}

/** Turns zod issues into per-field messages keyed by dotted path ("" for the input itself). */
export function fieldMessages(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const issue of issues) {
    const paths =
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => [...issue.path, key])
        : [issue.path]
    for (const path of paths) {
      const key = path.map(String).join('.')
      const message = issue.code === 'unrecognized_keys' ? 'Unknown field' : issue.message
      fields[key] ??= message
    }
  }
  return fields
}
