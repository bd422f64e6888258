import { z } from 'zod'
import { AppError } from './errors'

/** How every IPC call answers: a value, or an `AppError`. Never a thrown exception across the boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

export const WireResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: AppError }),
])
