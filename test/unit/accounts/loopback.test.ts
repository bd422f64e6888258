import http from 'node:http'
import { describe, expect, it } from 'vitest'
import {
  startLoopbackListener,
  type CallbackOutcome,
} from '../../../electron/main/services/accounts/sign-in/loopback'
import { createRecordingLogger } from '../../support/recording-logger'

/** A raw GET, so the Host header and the path go out exactly as written. */
function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, path, method, headers: { connection: 'close', ...headers } },
      (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (body += chunk))
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body, headers: response.headers }),
        )
      },
    )
    request.on('error', reject)
    request.end()
  })
}

const done: CallbackOutcome = {
  status: 200,
  title: 'Signed in',
  message: 'Close this tab.',
  done: true,
}

describe('the loopback listener', () => {
  it('listens on 127.0.0.1 on a random port at /oauth/callback and hands over the query', async () => {
    const seen: string[] = []
    const listener = await startLoopbackListener({
      log: createRecordingLogger(),
      onCallback: (query) => {
        seen.push(query.toString())
        return Promise.resolve(done)
      },
    })
    const url = new URL(listener.redirectUri)
    expect(url.protocol).toBe('http:')
    expect(url.hostname).toBe('127.0.0.1')
    expect(url.pathname).toBe('/oauth/callback')
    expect(Number(url.port)).toBeGreaterThan(0)

    const answer = await get(Number(url.port), '/oauth/callback?code=abc&state=xyz')
    expect(answer.status).toBe(200)
    expect(answer.body).toContain('Signed in')
    expect(answer.headers['referrer-policy']).toBe('no-referrer')
    expect(answer.headers['cache-control']).toBe('no-store')
    expect(answer.headers['content-security-policy']).toContain("default-src 'none'")
    expect(seen).toEqual(['code=abc&state=xyz'])
    // Done: the port is closed.
    await expect(get(Number(url.port), '/oauth/callback?code=again')).rejects.toThrow(
      /ECONNREFUSED/,
    )
    await listener.close()
  })

  it('answers nothing but GET on its path and its own address, and keeps waiting', async () => {
    let calls = 0
    const listener = await startLoopbackListener({
      log: createRecordingLogger(),
      onCallback: () => {
        calls++
        return Promise.resolve(done)
      },
    })
    const port = Number(new URL(listener.redirectUri).port)
    expect((await get(port, '/favicon.ico')).status).toBe(404)
    expect((await get(port, '/oauth/callback?code=a', {}, 'POST')).status).toBe(405)
    expect((await get(port, '/oauth/callback?code=a', { host: `localhost:${port}` })).status).toBe(
      421,
    )
    expect((await get(port, '/oauth/callback?code=a', { host: 'evil.example' })).status).toBe(421)
    expect(calls).toBe(0)
    expect((await get(port, '/oauth/callback?code=a')).status).toBe(200)
    expect(calls).toBe(1)
    await listener.close()
  })

  it('keeps listening after an answer that is not the end, and runs callbacks one at a time', async () => {
    let running = 0
    let most = 0
    let calls = 0
    const listener = await startLoopbackListener({
      log: createRecordingLogger(),
      onCallback: async () => {
        running++
        most = Math.max(most, running)
        await new Promise((resolve) => setTimeout(resolve, 20))
        running--
        calls++
        return calls < 3
          ? { status: 400, title: 'Not accepted', message: 'Try again.', done: false }
          : done
      },
    })
    const port = Number(new URL(listener.redirectUri).port)
    const answers = await Promise.all([
      get(port, '/oauth/callback?n=1'),
      get(port, '/oauth/callback?n=2'),
      get(port, '/oauth/callback?n=3'),
    ])
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 200])
    expect(most).toBe(1)
    await listener.close()
  })

  it('answers a failing callback with a plain failure page and logs why', async () => {
    const log = createRecordingLogger()
    const listener = await startLoopbackListener({
      log,
      onCallback: () => Promise.reject(new Error('exchange broke')),
    })
    const port = Number(new URL(listener.redirectUri).port)
    const answer = await get(port, '/oauth/callback?code=abc')
    expect(answer.status).toBe(500)
    expect(answer.body).toContain('Sign-in failed')
    expect(log.text()).toContain('exchange broke')
    await listener.close()
    await listener.close()
  })
})
