/**
 * Binds the core's router to HTTP on 127.0.0.1 so the production renderer runs in a browser against
 * the real services: one POST per call, server-sent events for events, the built renderer for
 * everything else. A random per-run token guards the API so no other local process can call it.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { MenuCommand } from '@shared/contract'
import type { DownloadShelf } from '../export/destination'
import type { Router } from '../ipc/router'
import { describeError, type Logger } from '../log'
import { decodePathPart, MalformedPath, resolveRendererFile } from '../renderer-files'
import { contentSecurityPolicy } from '../security'

export interface WebHostOptions {
  router: Router
  /** The built renderer (out/renderer). */
  rendererDir: string
  /** 0 picks a free port. */
  port?: number
  log: Logger
  /**
   * Exported files, each served once at `GET /download/<id>`. The id is an unguessable one-time
   * capability (the page cannot add the token to a plain download), valid for minutes.
   */
  downloads?: DownloadShelf
  /**
   * The last clipboard write (the web host has no clipboard of its own), offered to test
   * harnesses at `GET /host/clipboard` with the token; the page itself never reads it.
   */
  clipboard?: { last(): unknown }
  /**
   * The native menu's part (the web host has none): `POST /host/menu` with `{id}` sends the
   * command to the page the way the desktop menu does, for test harnesses.
   */
  menu?: { choose(command: MenuCommand): void }
  /** How long a request may take to arrive (headers and body); default 25 s. */
  requestTimeoutMs?: number
}

export interface WebHost {
  /** The address to open: the origin plus the token in the fragment, which never reaches a server. */
  url: string
  origin: string
  token: string
  close(): Promise<void>
}

/** The largest call body taken (the biggest real call, a saved view, is a few kilobytes). */
export const maxRequestBodyBytes = 1024 * 1024
/** Event streams open at once: one per open tab of the page; more is refused. */
export const maxEventStreams = 8
/** Events waiting for a reader that does not read; past this the stream is dropped. */
const maxBufferedEventBytes = 1024 * 1024
const heartbeatMs = 15_000
const defaultRequestTimeoutMs = 25_000

/** How often Node looks for requests past their time (it checks on an interval). */
function timeoutCheckIntervalMs(requestTimeoutMs: number): number {
  return Math.min(5_000, Math.max(50, Math.floor(requestTimeoutMs / 4)))
}

/** The longest a stalled request can hold its connection: its timeout plus one check interval. */
export function stalledRequestLimitMs(requestTimeoutMs = defaultRequestTimeoutMs): number {
  return requestTimeoutMs + timeoutCheckIntervalMs(requestTimeoutMs)
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(32).toString('base64url')
  const tokenBytes = Buffer.from(token)
  const streams = new Set<http.ServerResponse>()
  let origin = ''

  const requestTimeoutMs = options.requestTimeoutMs ?? defaultRequestTimeoutMs
  const serverOptions: http.ServerOptions = {
    // A request (headers and body) that has not arrived by then is answered 408 and closed.
    requestTimeout: requestTimeoutMs,
    headersTimeout: requestTimeoutMs,
    connectionsCheckingInterval: timeoutCheckIntervalMs(requestTimeoutMs),
  }
  const server = http.createServer(serverOptions, (request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (error instanceof BadRequest) {
        return sendJson(response, error.status, { error: error.message }, request)
      }
      if (error instanceof MalformedPath) {
        return sendJson(response, 400, { error: error.message }, request)
      }
      options.log.error('web host request failed', describeError(error))
      if (!response.headersSent) sendJson(response, 500, { error: 'internal' }, request)
      else response.end()
    })
  })

  async function handle(request: http.IncomingMessage, response: http.ServerResponse) {
    setCommonHeaders(response)
    if (request.headers.host !== new URL(origin).host) {
      return sendJson(
        response,
        421,
        { error: 'This host answers only on its own address.' },
        request,
      )
    }
    if (!URL.canParse(request.url ?? '/', origin)) {
      throw new BadRequest(400, 'The address of this request is not valid.')
    }
    const url = new URL(request.url ?? '/', origin)
    const download = /^\/download\/([A-Za-z0-9_-]{16,64})$/.exec(url.pathname)
    if (download && request.method === 'GET') return serveDownload(download[1]!, response)
    if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/host/')) {
      if (!isSameOriginOrNone(request) || !hasToken(request)) {
        return sendJson(response, 403, { error: 'Missing or wrong token.' }, request)
      }
      if (url.pathname === '/api/events' && request.method === 'GET') {
        return openEventStream(request, response)
      }
      if (url.pathname === '/host/clipboard' && request.method === 'GET' && options.clipboard) {
        return sendJson(response, 200, options.clipboard.last() ?? null)
      }
      if (request.method !== 'POST') {
        return sendJson(response, 405, { error: 'POST only.' }, request)
      }
      const body = await readJson(request)
      if (url.pathname.startsWith('/api/invoke/')) {
        const channel = decodePathPart(url.pathname.slice('/api/invoke/'.length))
        const input = isRecord(body) ? body.input : undefined
        return sendJson(response, 200, await options.router.invoke(channel, input))
      }
      if (url.pathname === '/host/menu' && options.menu) {
        const chosen = MenuCommand.safeParse(body)
        if (!chosen.success) throw new BadRequest(400, 'No such menu command.')
        options.menu.choose(chosen.data)
        return sendJson(response, 200, null)
      }
      return sendJson(response, 404, { error: 'No such route.' })
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendJson(response, 405, { error: 'GET only.' }, request)
    }
    return serveStatic(url.pathname, response)
  }

  function hasToken(request: http.IncomingMessage): boolean {
    const header = request.headers.authorization ?? ''
    const presented = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '')
    return presented.length === tokenBytes.length && timingSafeEqual(presented, tokenBytes)
  }

  function isSameOriginOrNone(request: http.IncomingMessage): boolean {
    const requestOrigin = request.headers.origin
    return requestOrigin === undefined || requestOrigin === origin
  }

  function openEventStream(request: http.IncomingMessage, response: http.ServerResponse): void {
    if (streams.size >= maxEventStreams) {
      const error = 'Too many Freightdesk tabs are open. Close one, then reload this page.'
      return sendJson(response, 503, { error }, request)
    }
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    })
    response.write(': connected\n\n')
    streams.add(response)
    const heartbeat = setInterval(() => send(response, ': heartbeat\n\n'), heartbeatMs)
    response.on('close', () => {
      clearInterval(heartbeat)
      streams.delete(response)
    })
  }

  /** Writes to an event stream, or drops the stream when its reader stopped reading. */
  function send(stream: http.ServerResponse, frame: string): void {
    if (stream.writableLength <= maxBufferedEventBytes) {
      stream.write(frame)
      return
    }
    options.log.warn('dropped an event stream whose reader stopped reading', {
      bufferedBytes: stream.writableLength,
    })
    streams.delete(stream)
    stream.destroy()
  }

  const unsubscribe = options.router.events.subscribe((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`
    for (const stream of streams) send(stream, frame)
  })

  async function serveDownload(id: string, response: http.ServerResponse): Promise<void> {
    const shelved = options.downloads?.take(id)
    if (!shelved) {
      return sendJson(response, 404, {
        error: 'This download has expired or was already fetched. Export again.',
      })
    }
    const found = await stat(shelved.file).catch(() => null)
    if (!found)
      return sendJson(response, 404, { error: 'The exported file is gone. Export again.' })
    response.writeHead(200, {
      'content-type': shelved.contentType,
      'content-length': found.size,
      'content-disposition': contentDisposition(shelved.fileName),
      'cache-control': 'no-store',
    })
    createReadStream(shelved.file)
      .on('error', (error) => {
        options.log.error('web host could not read an exported file', describeError(error))
        response.destroy()
      })
      .on('close', () => void options.downloads?.discard(shelved))
      .pipe(response)
  }

  async function serveStatic(pathname: string, response: http.ServerResponse): Promise<void> {
    const found = await resolveRendererFile(options.rendererDir, pathname)
    if (!found) return sendJson(response, 404, { error: 'Not found.' })
    response.writeHead(200, {
      'content-type': found.contentType,
      'cache-control': found.cacheControl,
    })
    createReadStream(found.file)
      .on('error', (error) => {
        options.log.error('web host could not read a renderer file', describeError(error))
        response.destroy()
      })
      .pipe(response)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  origin = `http://127.0.0.1:${port}`

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    async close() {
      unsubscribe()
      for (const stream of streams) stream.end()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function setCommonHeaders(response: http.ServerResponse): void {
  response.setHeader('content-security-policy', contentSecurityPolicy)
  response.setHeader('x-content-type-options', 'nosniff')
  response.setHeader('referrer-policy', 'no-referrer')
  response.setHeader('cross-origin-opener-policy', 'same-origin')
  response.setHeader('cross-origin-resource-policy', 'same-origin')
}

/** `attachment` with the name in both forms (RFC 6266): plain ASCII and UTF-8. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

/**
 * Answers with JSON. An answer given before the request's body was read (a refusal) closes the
 * connection, so that the body is never read at all.
 */
function sendJson(
  response: http.ServerResponse,
  status: number,
  body: unknown,
  request?: http.IncomingMessage,
): void {
  const text = JSON.stringify(body)
  const unread = request !== undefined && !request.complete
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...(unread ? { connection: 'close' } : {}),
  })
  response.end(text)
}

class BadRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

async function readJson(request: http.IncomingMessage): Promise<unknown> {
  const { size, chunks } = await readBody(request)
  if (size === 0) return undefined
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown
  } catch {
    throw new BadRequest(400, 'The request body is not JSON.')
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The request's body, up to `maxRequestBodyBytes`. A larger body is refused as soon as it is
 * announced or passes the cap; reading stops there (the refusal closes the connection).
 */
function readBody(request: http.IncomingMessage): Promise<{ size: number; chunks: Buffer[] }> {
  const tooLarge = () => new BadRequest(413, 'The request body is too large.')
  if (Number(request.headers['content-length'] ?? 0) > maxRequestBodyBytes) {
    return Promise.reject(tooLarge())
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const stop = () => {
      request.off('data', onData)
      request.off('end', onEnd)
      request.off('error', onError)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= maxRequestBodyBytes) return void chunks.push(chunk)
      stop()
      request.pause()
      reject(tooLarge())
    }
    const onEnd = () => {
      stop()
      resolve({ size, chunks })
    }
    const onError = (error: Error) => {
      stop()
      reject(error)
    }
    request.on('data', onData)
    request.on('end', onEnd)
    request.on('error', onError)
  })
}
