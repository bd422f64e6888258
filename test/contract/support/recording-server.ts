/**
 * A plain HTTP server on 127.0.0.1 for contract tests: it records every request exactly as it
 * arrived (method, path, raw query, headers, body) and answers from a table the test writes, so
 * a test can hold a client's requests to the provider's documented examples and feed it the
 * documented answers. It knows nothing of any provider.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  /** The path without the query, exactly as sent. */
  path: string
  /** The query exactly as sent (still encoded), without the `?`. */
  rawQuery: string
  /** The query decoded, one entry per parameter. */
  query: Record<string, string>
  /** Header names in lower case. */
  headers: Record<string, string>
  body: string
}

export interface Answer {
  status?: number
  headers?: Record<string, string>
  /** A value sent as JSON, or text sent as is. */
  json?: unknown
  text?: string
}

export type Responder = (request: RecordedRequest) => Answer | undefined

export interface RecordingServer {
  baseUrl: string
  requests: RecordedRequest[]
  /** Answers the first responder that answers; 404 when none does. */
  respond(responder: Responder): void
  /** The requests whose method and path match. */
  made(method: string, path: string): RecordedRequest[]
  stop(): Promise<void>
}

export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: RecordedRequest[] = []
  const responders: Responder[] = []
  const server = http.createServer((incoming, outgoing) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('end', () => {
      const target = incoming.url ?? '/'
      const cut = target.indexOf('?')
      const rawQuery = cut < 0 ? '' : target.slice(cut + 1)
      const headers: Record<string, string> = {}
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value
      }
      const request: RecordedRequest = {
        method: incoming.method ?? 'GET',
        path: cut < 0 ? target : target.slice(0, cut),
        rawQuery,
        query: Object.fromEntries(new URLSearchParams(rawQuery)),
        headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }
      requests.push(request)
      let answer: Answer | undefined
      for (const responder of responders) {
        answer = responder(request)
        if (answer) break
      }
      const reply = answer ?? { status: 404, json: { detail: 'Not found.' } }
      const body = reply.text ?? (reply.json === undefined ? '' : JSON.stringify(reply.json))
      outgoing.writeHead(reply.status ?? 200, {
        ...(reply.json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...reply.headers,
      })
      outgoing.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    respond: (responder) => void responders.push(responder),
    made: (method, path) =>
      requests.filter((request) => request.method === method && request.path === path),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/**
 * A documented example address (`/ext/freights-api/v1/freights?filter={"status":"in_progress"}`)
 * as its path and its parameters, the way the documentation writes them (not encoded).
 */
export function documentedTarget(example: string): { path: string; query: Record<string, string> } {
  const cut = example.indexOf('?')
  if (cut < 0) return { path: example, query: {} }
  const query: Record<string, string> = {}
  for (const pair of example.slice(cut + 1).split('&')) {
    const equals = pair.indexOf('=')
    query[pair.slice(0, equals)] = pair.slice(equals + 1)
  }
  return { path: example.slice(0, cut), query }
}
