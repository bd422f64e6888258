/**
 * A tiny request router on `node:http` for the simulators: routes are `METHOD /path/:param`
 * patterns, handlers get a small request context and return a `Reply` value, so the server can
 * apply faults (latency, truncation, resets) to any answer before it goes out.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'

/** An answer, not yet written. */
export interface Reply {
  status: number
  headers?: Record<string, string>
  body?: string | Buffer
}

export interface RequestContext {
  method: string
  /** The path without the query, exactly as sent. */
  path: string
  query: URLSearchParams
  /** Values of the pattern's `:name` segments, decoded. */
  params: Record<string, string>
  headers: IncomingHttpHeaders
  /** One header's value (the first, if sent twice); names are lower case. */
  header(name: string): string | undefined
  /** The simulator's own origin, for links it hands out. */
  baseUrl: string
  /** The raw body (read once, then cached); a body over the limit fails with 413. */
  body(): Promise<Buffer>
  /** The body parsed as JSON; an empty or broken body fails with 400. */
  json(): Promise<unknown>
  /** The body parsed as `application/x-www-form-urlencoded`. */
  form(): Promise<URLSearchParams>
  /** Stops the handler with the provider's error body for this status. */
  fail(status: number, message: string, headers?: Record<string, string>): never
}

export type Handler = (context: RequestContext) => Reply | Promise<Reply>

/** Thrown to answer early (auth failures, validation); the server sends `reply`. */
export class ReplyError extends Error {
  constructor(readonly reply: Reply) {
    super(`HTTP ${reply.status}`)
    this.name = 'ReplyError'
  }
}

export function jsonReply(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  }
}

export function htmlReply(
  status: number,
  html: string,
  headers: Record<string, string> = {},
): Reply {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body: html }
}

export function emptyReply(status: number, headers: Record<string, string> = {}): Reply {
  return { status, headers }
}

export function redirectReply(location: string, status = 302): Reply {
  return { status, headers: { location } }
}

export type RouteMatch =
  | { kind: 'found'; handler: Handler; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allowed: string[] }
  | { kind: 'not_found' }

interface Route {
  method: string
  segments: string[]
  handler: Handler
}

/** Routes by method and path; a trailing slash is significant, as it is on the real services. */
export class RouteTable {
  private readonly routes: Route[] = []

  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method: method.toUpperCase(), segments: pattern.split('/'), handler })
    return this
  }

  get(pattern: string, handler: Handler): this {
    return this.add('GET', pattern, handler)
  }

  post(pattern: string, handler: Handler): this {
    return this.add('POST', pattern, handler)
  }

  put(pattern: string, handler: Handler): this {
    return this.add('PUT', pattern, handler)
  }

  patch(pattern: string, handler: Handler): this {
    return this.add('PATCH', pattern, handler)
  }

  delete(pattern: string, handler: Handler): this {
    return this.add('DELETE', pattern, handler)
  }

  match(method: string, path: string): RouteMatch {
    const segments = path.split('/')
    const allowed: string[] = []
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments)
      if (!params) continue
      if (route.method === method.toUpperCase())
        return { kind: 'found', handler: route.handler, params }
      allowed.push(route.method)
    }
    return allowed.length > 0 ? { kind: 'method_not_allowed', allowed } : { kind: 'not_found' }
  }
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | null {
  if (pattern.length !== actual.length) return null
  const params: Record<string, string> = {}
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] as string
    const value = actual[i] as string
    if (expected.startsWith(':')) {
      if (value === '') return null
      try {
        params[expected.slice(1)] = decodeURIComponent(value)
      } catch {
        return null
      }
    } else if (expected !== value) {
      return null
    }
  }
  return params
}

/** Thrown by `readRequestBody` when a body passes its limit. */
export class BodyTooLargeError extends Error {
  constructor(limit: number) {
    super(`The request body is larger than ${limit} bytes.`)
    this.name = 'BodyTooLargeError'
  }
}

/** The whole body of a request, refused once it passes `limit` bytes. */
export async function readRequestBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > limit) throw new BodyTooLargeError(limit)
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}
