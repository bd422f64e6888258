import { mkdirSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../electron/main/core'
import { contentSecurityPolicy } from '../../../electron/main/security'
import { startWebHost, type WebHost } from '../../../electron/main/web-host/server'
import { createRecordingLogger } from '../../support/recording-logger'
import { makeTempDir } from '../../support/temp-dir'

let temp: ReturnType<typeof makeTempDir>
let core: Core
let host: WebHost

beforeEach(async () => {
  temp = makeTempDir()
  const rendererDir = path.join(temp.dir, 'renderer')
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true })
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>index</title>')
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(path.join(temp.dir, 'secret.txt'), 'outside the renderer')
  const log = createRecordingLogger()
  core = createCore({
    dataDir: path.join(temp.dir, 'data'),
    shell: 'web',
    platform: 'linux',
    validateContracts: true,
    log,
  })
  host = await startWebHost({ router: core.router, rendererDir, port: 0, log })
})

afterEach(async () => {
  await host.close()
  await core.dispose()
  temp.remove()
})

function invoke(channel: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${host.origin}/api/invoke/${channel}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${host.token}`,
      'content-type': 'application/json',
      ...headers,
    },
    body,
  })
}

/** A raw request, so that Host and the path go out exactly as written. */
function rawGet(pathname: string, headers: Record<string, string> = {}) {
  const { port } = new URL(host.origin)
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>(
    (resolve, reject) => {
      const request = http.request(
        { host: '127.0.0.1', port, path: pathname, headers, method: 'GET' },
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
    },
  )
}

describe('web host', () => {
  it('listens on 127.0.0.1 and puts the token in the fragment only', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(host.url).toBe(`${host.origin}/#token=${host.token}`)
    expect(host.token.length).toBeGreaterThanOrEqual(40)
  })

  it('runs the real router for a call that carries the token', async () => {
    const response = await invoke('app.info', JSON.stringify({}))
    expect(response.status).toBe(200)
    const result = (await response.json()) as {
      ok: boolean
      value: { shell: string; dataDir: string }
    }
    expect(result.ok).toBe(true)
    expect(result.value.shell).toBe('web')
    expect(result.value.dataDir).toBe(path.join(temp.dir, 'data'))
  })

  it('passes validation errors from the router through', async () => {
    const response = await invoke('app.info', JSON.stringify({ input: { any: 1 } }))
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'validation' } })
  })

  it('refuses calls without the token or with a wrong one', async () => {
    const none = await fetch(`${host.origin}/api/invoke/app.info`, { method: 'POST', body: '{}' })
    expect(none.status).toBe(403)
    const wrong = await invoke('app.info', '{}', { authorization: 'Bearer wrong' })
    expect(wrong.status).toBe(403)
    const events = await fetch(`${host.origin}/api/events`)
    expect(events.status).toBe(403)
  })

  it('refuses calls from another origin even with the token', async () => {
    const response = await invoke('app.info', '{}', { origin: 'http://evil.example' })
    expect(response.status).toBe(403)
  })

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const response = await rawGet('/', { host: 'evil.example' })
    expect(response.status).toBe(421)
  })

  it('answers 400 to a body that is not JSON', async () => {
    const response = await invoke('app.info', '{not json')
    expect(response.status).toBe(400)
  })

  it('streams events as server-sent events', async () => {
    const controller = new AbortController()
    const response = await fetch(`${host.origin}/api/events`, {
      headers: { authorization: `Bearer ${host.token}` },
      signal: controller.signal,
    })
    expect(response.headers.get('content-type')).toContain('text/event-stream')
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
    await reader.read() // the ": connected" comment
    core.router.events.emit('app.notice', { level: 'info', message: 'Hello from main' })
    let text = ''
    while (!text.includes('\n\n')) text += (await reader.read()).value ?? ''
    controller.abort()
    expect(text).toBe('event: app.notice\ndata: {"level":"info","message":"Hello from main"}\n\n')
  })

  it('serves the renderer with the CSP header and falls back to index.html', async () => {
    const asset = await rawGet('/assets/app.js', { host: new URL(host.origin).host })
    expect(asset.status).toBe(200)
    expect(asset.body).toBe('console.log(1)')
    expect(asset.headers['content-type']).toContain('text/javascript')
    expect(asset.headers['content-security-policy']).toBe(contentSecurityPolicy)
    const route = await rawGet('/freights/123', { host: new URL(host.origin).host })
    expect(route.body).toContain('<title>index</title>')
  })

  it('never serves files outside the renderer folder', async () => {
    const hostHeader = { host: new URL(host.origin).host }
    for (const attempt of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt']) {
      const response = await rawGet(attempt, hostHeader)
      expect(response.body).not.toContain('outside the renderer')
    }
  })
})
