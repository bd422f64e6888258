/**
 * The loopback redirect of an OAuth sign-in in the system browser (RFC 8252, 7.3): a one-shot
 * HTTP listener on 127.0.0.1 and a random port, answering only `GET <path>` on its own address,
 * with a plain page for the browser tab. What a callback means is the caller's business.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { describeError, type Logger } from '../../../log'

/** What the browser tab shows, and whether the listener's work is done. */
export interface CallbackOutcome {
  status: number
  title: string
  message: string
  /** true: the listener closes once this page is sent. */
  done: boolean
}

export interface LoopbackListener {
  /** `http://127.0.0.1:<port><path>` */
  redirectUri: string
  /** Stops listening and drops open connections; safe to call twice. */
  close(): Promise<void>
}

export interface LoopbackOptions {
  /** Default `/oauth/callback`. */
  path?: string
  /** Handles the callback's query; never runs twice at once (a second request waits its turn). */
  onCallback(query: URLSearchParams): Promise<CallbackOutcome>
  log: Logger
}

export const defaultCallbackPath = '/oauth/callback'

/** Starts listening on 127.0.0.1 on a free port. */
export async function startLoopbackListener(options: LoopbackOptions): Promise<LoopbackListener> {
  const callbackPath = options.path ?? defaultCallbackPath
  let host = ''
  let closed = false
  /** Callbacks run one after another, so a second tab cannot race the first exchange. */
  let queue: Promise<unknown> = Promise.resolve()

  const server = http.createServer((request, response) => {
    response.setHeader('cache-control', 'no-store')
    // The address carries the authorization code: no page this listener serves may pass it on.
    response.setHeader('referrer-policy', 'no-referrer')
    response.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
    response.setHeader('x-content-type-options', 'nosniff')
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (request.headers.host !== host) {
      return sendPage(response, {
        status: 421,
        title: 'Wrong address',
        message: 'This page answers only on its own address.',
      })
    }
    if (url.pathname !== callbackPath) {
      return sendPage(response, { status: 404, title: 'Not found', message: 'Nothing here.' })
    }
    if (request.method !== 'GET') {
      return sendPage(response, { status: 405, title: 'Not allowed', message: 'GET only.' })
    }
    const run = queue.then(async () => {
      if (closed) {
        return {
          status: 410,
          title: 'Sign-in already finished',
          message: 'This sign-in is over. Go back to Freightdesk.',
          done: true,
        }
      }
      try {
        return await options.onCallback(url.searchParams)
      } catch (error) {
        options.log.error('the sign-in callback failed', describeError(error))
        return {
          status: 500,
          title: 'Sign-in failed',
          message: 'Freightdesk could not finish signing in. Go back to Freightdesk and try again.',
          done: true,
        }
      }
    })
    queue = run.catch(() => undefined)
    void run.then((outcome) => {
      sendPage(response, outcome)
      if (outcome.done) response.once('finish', () => void close())
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  host = `127.0.0.1:${port}`

  let closing: Promise<void> | null = null
  function close(): Promise<void> {
    closed = true
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve())
      // Keep-alive connections from the browser would otherwise hold the port open.
      server.closeAllConnections()
    })
    return closing
  }

  return { redirectUri: `http://${host}${callbackPath}`, close }
}

function sendPage(
  response: http.ServerResponse,
  page: { status: number; title: string; message: string },
): void {
  if (response.headersSent) return
  const body = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(page.title)} - Freightdesk</title>
<style>body{font:16px system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style>
</head>
<body><main><h1>${escapeHtml(page.title)}</h1><p>${escapeHtml(page.message)}</p></main></body>
</html>
`
  response.writeHead(page.status, {
    'content-type': 'text/html; charset=utf-8',
    connection: 'close',
  })
  response.end(body)
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}
