/**
 * A recording proxy on 127.0.0.1: forwards every request to `target` and keeps what it saw
 * (method, path, headers, body), so a test can say exactly what reached an address, secrets
 * included. It is a test's window on the wire, not a simulator: the answers are the target's.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  path: string
  headers: http.IncomingHttpHeaders
  body: string
}

export interface RecordingProxy {
  /** The proxy's own address (http://127.0.0.1:<port>), to configure in place of the target's. */
  baseUrl: string
  requests: RecordedRequest[]
  /** Every header value and body seen, joined: what a secret must never appear in. */
  wireText(): string
  stop(): Promise<void>
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const requests: RecordedRequest[] = []
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks)
      requests.push({
        method: request.method ?? 'GET',
        path: request.url ?? '/',
        headers: request.headers,
        body: body.toString('utf8'),
      })
      const headers = { ...request.headers, host: new URL(target).host }
      const forwarded = http.request(
        new URL(request.url ?? '/', target),
        { method: request.method, headers },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(response)
        },
      )
      forwarded.on('error', () => {
        if (!response.headersSent) response.writeHead(502)
        response.end()
      })
      forwarded.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    wireText: () =>
      requests
        .map((r) => `${r.method} ${r.path}\n${JSON.stringify(r.headers)}\n${r.body}`)
        .join('\n'),
    async stop() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
