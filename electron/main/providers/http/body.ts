/** Request bodies out, answer bodies in: encoded, read within a size limit, parsed as JSON. */
import type { z } from 'zod'
import { AttemptFailure } from './attempt'
import type { HttpRequest } from './types'

export function encodeBody(request: HttpRequest): {
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

export class BodyTooLarge extends Error {
  constructor(limit: number) {
    super(`the answer is larger than ${limit} bytes`)
  }
}

export function contentLength(response: Response): number | null {
  const value = response.headers.get('content-length')
  return value !== null && /^\d+$/.test(value) ? Number(value) : null
}

/** Reads the whole body, refusing more than `maxBytes` (or cutting it off when `truncate`). */
export async function readLimited(
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

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`
  return `${bytes} bytes`
}

export function decode(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes)
}

export function limitStream(maxBytes: number): TransformStream<Uint8Array, Uint8Array> {
  let total = 0
  return new TransformStream({
    transform(chunk, controller) {
      total += chunk.byteLength
      if (total > maxBytes) controller.error(new BodyTooLarge(maxBytes))
      else controller.enqueue(chunk)
    },
  })
}

export function emptyStream(): ReadableStream<Uint8Array> {
  return new ReadableStream({ start: (controller) => controller.close() })
}

/** Reads a JSON answer; an answer that is not JSON is a failure of the attempt. */
export async function readJson(response: Response, maxBytes: number): Promise<unknown> {
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

/** Paths and messages of the first few issues, never the values. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || 'body'}: ${issue.message}`)
  return issues.length > 3 ? `${shown.join('; ')}; and ${issues.length - 3} more` : shown.join('; ')
}
