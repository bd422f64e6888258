/**
 * What every simulator shares: an HTTP server on 127.0.0.1 that runs each request through the
 * same steps (added latency, the fault draw, the rate limit, the route, then damage to the answer
 * for `malformed` and `reset`), a control endpoint, and going offline and back on the same port.
 */
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { describeError, type Logger } from '../../log'
import type { Clock } from './clock'
import { controlPathPrefix, handleControl, type ControlAccess, type ControlTarget } from './control'
import type { FaultEngine } from './faults'
import {
  createRateLimiter,
  describeRateLimit,
  type RateLimit,
  type RateLimiter,
} from './rate-limit'
import {
  BodyTooLargeError,
  readRequestBody,
  ReplyError,
  type Reply,
  type RequestContext,
  type RouteTable,
} from './router'

export interface SimulatorServerOptions {
  /** For logs: "spotgo", "transeu", "crego". */
  name: string
  routes: RouteTable
  /** 0 (the default) picks a free port; a fixed one lets a restarted sandbox come back on it. */
  port?: number
  clock: Clock
  faults: FaultEngine
  /** The bucket and rule a request counts against, if it is rate limited at all. */
  rateLimitFor?: (context: RequestContext) => { bucket: string; rule: RateLimit } | undefined
  /** The provider's error body for a status and a sentence. */
  renderError: (status: number, message: string) => Reply
  /** Answers a path no route has (e.g. Crego's redirect to the path with a slash). */
  fallback?: (context: RequestContext) => Reply
  /** Provider-specific control actions (`POST /__control/<name>`). */
  controlActions?: Record<string, () => unknown>
  maxBodyBytes?: number
  log: Logger
}

export interface SimulatorServer {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string
  port: number
  control: ControlAccess
  rateLimiter: RateLimiter
  readonly online: boolean
  /** Stops listening (connection refused) and cuts open connections. */
  goOffline(): Promise<void>
  /** Listens again on the same port. */
  goOnline(): Promise<void>
  /** Closes every socket; resolves when closed. */
  stop(): Promise<void>
}

export async function startSimulatorServer(
  options: SimulatorServerOptions,
): Promise<SimulatorServer> {
  const maxBodyBytes = options.maxBodyBytes ?? 8 * 1024 * 1024
  const rateLimiter = createRateLimiter(options.clock)
  const sockets = new Set<Socket>()
  const sleeps = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>()
  const controlToken = randomBytes(24).toString('base64url')
  let online = false
  let stopped = false
  let closing: Promise<void> | null = null
  let baseUrl = ''

  const server = http.createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      options.log.error(`${options.name} simulator failed to answer`, describeError(error))
      if (!response.headersSent) write(response, options.renderError(500, 'Internal error.'))
      else response.destroy()
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const controlServer = http.createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://control').pathname
    if (!pathname.startsWith(controlPathPrefix)) {
      return write(response, { status: 404, body: 'Only /__control/ answers here.' })
    }
    void control(request, response, pathname, false)
  })

  const controlTarget: ControlTarget = {
    token: controlToken,
    faults: options.faults,
    clock: options.clock,
    goOffline: () => stopListening(),
    goOnline,
    actions: options.controlActions ?? {},
  }

  async function control(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    pathname: string,
    onMainPort: boolean,
  ): Promise<void> {
    const { reply, thenGoOffline } = await handleControl(controlTarget, request, pathname)
    if (!thenGoOffline) return write(response, reply)
    if (!onMainPort) {
      await stopListening()
      return write(response, reply)
    }
    // The request came in on the port going down: stop accepting, answer, then close this one too.
    void stopListening(request.socket)
    response.on('finish', () => request.socket.destroy())
    write(response, { ...reply, headers: { ...reply.headers, connection: 'close' } })
  }

  async function handle(request: http.IncomingMessage, response: http.ServerResponse) {
    const url = new URL(request.url ?? '/', baseUrl)
    if (url.pathname.startsWith(controlPathPrefix)) {
      return control(request, response, url.pathname, true)
    }
    const context = createContext(request, url)
    const latency = options.faults.settings.latencyMs
    if (latency > 0) await sleep(latency)
    if (response.destroyed || stopped) return
    const fault = options.faults.draw()
    let reply: Reply
    if (fault === 'server_error') {
      reply = options.renderError(
        options.faults.serverErrorStatus(),
        'The service is having trouble right now. Try again in a moment.',
      )
    } else if (fault === 'rate_limited') {
      reply = tooManyRequests(
        options.faults.settings.retryAfterSeconds,
        'Too many requests right now.',
      )
    } else {
      reply = await answer(context)
    }
    if (response.destroyed) return
    if (fault === 'malformed') reply = malform(reply)
    if (fault === 'reset') return writeHalfThenCut(response, reply)
    write(response, reply)
  }

  async function answer(context: RequestContext): Promise<Reply> {
    try {
      const limited = options.rateLimitFor?.(context)
      if (limited) {
        const decision = rateLimiter.take(limited.bucket, limited.rule)
        if (!decision.allowed) {
          return tooManyRequests(
            decision.retryAfterSeconds,
            `Rate limit exceeded: at most ${describeRateLimit(limited.rule)}.`,
          )
        }
      }
      const match = options.routes.match(context.method, context.path)
      if (match.kind === 'found') {
        return await match.handler({ ...context, params: match.params })
      }
      if (match.kind === 'method_not_allowed') {
        const reply = options.renderError(405, `Method ${context.method} is not allowed here.`)
        return { ...reply, headers: { ...reply.headers, allow: match.allowed.join(', ') } }
      }
      return options.fallback?.(context) ?? options.renderError(404, 'Not found.')
    } catch (error) {
      if (error instanceof ReplyError) return error.reply
      options.log.error(`${options.name} simulator handler failed`, describeError(error))
      return options.renderError(500, 'Internal error.')
    }
  }

  function tooManyRequests(retryAfterSeconds: number, message: string): Reply {
    const reply = options.renderError(429, `${message} Retry after ${retryAfterSeconds} s.`)
    return { ...reply, headers: { ...reply.headers, 'retry-after': String(retryAfterSeconds) } }
  }

  function createContext(request: http.IncomingMessage, url: URL): RequestContext {
    let body: Promise<Buffer> | undefined
    const fail = (status: number, message: string, headers: Record<string, string> = {}): never => {
      const reply = options.renderError(status, message)
      throw new ReplyError({ ...reply, headers: { ...reply.headers, ...headers } })
    }
    const readBody = () =>
      (body ??= readRequestBody(request, maxBodyBytes).catch((error: unknown) => {
        if (error instanceof BodyTooLargeError) return fail(413, 'The request body is too large.')
        throw error
      }))
    return {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      params: {},
      headers: request.headers,
      header(name) {
        const value = request.headers[name]
        return Array.isArray(value) ? value[0] : value
      },
      baseUrl,
      body: readBody,
      async json() {
        const text = (await readBody()).toString('utf8')
        if (text.trim() === '') return fail(400, 'The request body is empty; send JSON.')
        try {
          return JSON.parse(text) as unknown
        } catch {
          return fail(400, 'The request body is not valid JSON.')
        }
      },
      async form() {
        return new URLSearchParams((await readBody()).toString('utf8'))
      },
      fail,
    }
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          sleeps.delete(entry)
          resolve()
        }, ms),
        resolve,
      }
      sleeps.add(entry)
    })
  }

  function listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        online = true
        resolve()
      })
    })
  }

  /** Stops accepting connections and cuts every open one except `keep`. */
  function stopListening(keep?: Socket): Promise<void> {
    if (!online) return closing ?? Promise.resolve()
    online = false
    closing = new Promise<void>((resolve) => server.close(() => resolve()))
    for (const socket of sockets) if (socket !== keep) socket.destroy()
    return closing
  }

  async function goOnline(): Promise<void> {
    if (online || stopped) return
    await closing
    await listen(port)
  }

  await listen(options.port ?? 0)
  const port = (server.address() as AddressInfo).port
  baseUrl = `http://127.0.0.1:${port}`
  await new Promise<void>((resolve, reject) => {
    controlServer.once('error', reject)
    controlServer.listen(0, '127.0.0.1', () => resolve())
  })
  const controlUrl = `http://127.0.0.1:${(controlServer.address() as AddressInfo).port}`

  return {
    baseUrl,
    port,
    control: { url: controlUrl, token: controlToken },
    rateLimiter,
    get online() {
      return online
    },
    goOffline: () => stopListening(),
    goOnline,
    async stop() {
      if (stopped) return
      stopped = true
      for (const entry of sleeps) {
        clearTimeout(entry.timer)
        entry.resolve()
      }
      sleeps.clear()
      await stopListening()
      controlServer.closeAllConnections()
      await new Promise<void>((resolve) => controlServer.close(() => resolve()))
    },
  }
}

function bodyBuffer(reply: Reply): Buffer {
  if (reply.body === undefined) return Buffer.alloc(0)
  return typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body
}

function write(response: http.ServerResponse, reply: Reply): void {
  const body = bodyBuffer(reply)
  response.writeHead(reply.status, { ...reply.headers, 'content-length': String(body.length) })
  response.end(body)
}

/** The answer's body cut to its first half (at least one byte short), so it no longer parses. */
function malform(reply: Reply): Reply {
  const body = bodyBuffer(reply)
  const cut = body.length > 1 ? body.subarray(0, Math.floor(body.length / 2)) : Buffer.from('{"')
  return { ...reply, status: reply.status === 204 ? 200 : reply.status, body: cut }
}

/** Sends the headers and half the body, then drops the connection. */
function writeHalfThenCut(response: http.ServerResponse, reply: Reply): void {
  const body = bodyBuffer(reply)
  if (body.length === 0) {
    response.socket?.destroy()
    return
  }
  response.writeHead(reply.status, { ...reply.headers, 'content-length': String(body.length) })
  response.write(body.subarray(0, Math.ceil(body.length / 2)), () => response.socket?.destroy())
}
