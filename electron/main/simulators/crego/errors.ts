/**
 * Crego's error bodies, the Django REST framework defaults: `{"detail": "..."}` for 401, 403, 404,
 * 405, 410, 415, 429 and 5xx, and `{"field": ["message"]}` for 400.
 */
import type { z } from 'zod'
import { jsonReply, ReplyError, type Reply, type RequestContext } from '../http/router'
import { fieldErrors, readableErrors } from '../http/validation'

export function detailReply(
  status: number,
  detail: string,
  extra: { code?: string; headers?: Record<string, string> } = {},
): Reply {
  const body = extra.code ? { detail, code: extra.code } : { detail }
  return jsonReply(status, body, extra.headers)
}

export function fieldErrorsReply(errors: Record<string, string[]>): Reply {
  return jsonReply(400, errors)
}

export const notFound = (): ReplyError => new ReplyError(detailReply(404, 'Not found.'))

/** A JSON body checked against a wire schema; 415 for another media type, 400 with field errors. */
export async function readBody<Schema extends z.ZodType>(
  context: RequestContext,
  schema: Schema,
): Promise<z.infer<Schema>> {
  const type = context.header('content-type') ?? ''
  if (!type.startsWith('application/json')) {
    throw new ReplyError(detailReply(415, `Unsupported media type "${type}" in request.`))
  }
  const text = (await context.body()).toString('utf8')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new ReplyError(detailReply(400, 'JSON parse error - the body is not valid JSON.'))
  }
  const parsed = schema.safeParse(value, { error: readableErrors('This field is required.') })
  if (!parsed.success) {
    throw new ReplyError(fieldErrorsReply(fieldErrors(parsed.error.issues, 'dots')))
  }
  return parsed.data
}
