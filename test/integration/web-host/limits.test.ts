/**
 * The web host's limits, over real sockets: a malformed path is the client's mistake (400, no
 * stack in the log), bodies are capped and a refused body ends its connection, event streams are
 * capped and a reader that stops reading is dropped, and a request that stalls times out.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../electron/main/core'
import {
  maxEventStreams,
  maxRequestBodyBytes,
  startWebHost,
  stalledRequestLimitMs,
  type WebHost,
} from '../../../electron/main/web-host/server'
import { createRecordingLogger } from '../../support/recording-logger'
import { makeTempDir } from '../../support/temp-dir'

let temp: ReturnType<typeof makeTempDir>
let core: Core
let host: WebHost
let log: ReturnType<typeof createRecordingLogger>
const sockets: net.Socket[] = []

const requestTimeoutMs = 600

beforeEach(async () => {
  temp = makeTempDir()
  const rendererDir = path.join(temp.dir, 'renderer')
  mkdirSync(rendererDir, { recursive: true })
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>index</title>')
  log = createRecordingLogger()
  core = createCore({
    dataDir: path.join(temp.dir, 'data'),
    shell: 'web',
    platform: 'linux',
    validateContracts: true,
    log,
  })
  host = await startWebHost({ router: core.router, rendererDir, port: 0, log, requestTimeoutMs })
})

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy()
  await host.close()
  await core.dispose()
  temp.remove()
})

/** A raw connection to the host; everything it receives is collected in `received()`. */
async function connect(): Promise<{
  socket: net.Socket
  received: () => string
  closed: Promise<void>
}> {
  const { port } = new URL(host.origin)
  const socket = net.connect(Number(port), '127.0.0.1')
  sockets.push(socket)
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('error', reject)
  })
  let text = ''
  socket.setEncoding('latin1')
  socket.on('data', (chunk: string) => (text += chunk))
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  socket.on('error', () => undefined)
  return { socket, received: () => text, closed }
}

function head(method: string, target: string, headers: Record<string, string | number> = {}) {
  const lines = [`${method} ${target} HTTP/1.1`, `Host: ${new URL(host.origin).host}`]
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`)
  return `${lines.join('\r\n')}\r\n\r\n`
}

const auth = () => ({ Authorization: `Bearer ${host.token}` })

/** The status of the first answer on a connection. */
async function statusOf(connection: { received: () => string }): Promise<number> {
  await expect.poll(() => /^HTTP\/1\.1 \d{3}/.test(connection.received())).toBe(true)
  return Number(connection.received().slice(9, 12))
}

describe('the web host refuses malformed paths as the client mistake they are', () => {
  it('answers 400 to broken percent-encoding, in pages and calls, and logs no error', async () => {
    for (const target of ['/%E0%A4%A', '/assets/%zz.js', '/api/invoke/app.%ZZinfo']) {
      const connection = await connect()
      const call = target.startsWith('/api/')
      connection.socket.write(
        call ? head('POST', target, { ...auth(), 'Content-Length': 0 }) : head('GET', target),
      )
      expect(await statusOf(connection), target).toBe(400)
    }
    expect(log.lines.filter((line) => line.level === 'error')).toEqual([])
  })
})

describe('request bodies', () => {
  it('are capped at about a megabyte: a larger body is refused and its connection closed', async () => {
    expect(maxRequestBodyBytes).toBeGreaterThanOrEqual(1_000_000)
    expect(maxRequestBodyBytes).toBeLessThanOrEqual(1_100_000)

    // Announced too large: refused before a byte of it is read.
    const announced = await connect()
    announced.socket.write(
      head('POST', '/api/invoke/app.info', {
        ...auth(),
        'Content-Type': 'application/json',
        'Content-Length': maxRequestBodyBytes + 1,
      }),
    )
    expect(await statusOf(announced)).toBe(413)
    await announced.closed

    // Sent in chunks with no length: refused once the cap is passed, connection closed.
    const chunked = await connect()
    chunked.socket.write(
      head('POST', '/api/invoke/app.info', {
        ...auth(),
        'Content-Type': 'application/json',
        'Transfer-Encoding': 'chunked',
      }),
    )
    const chunk = 'x'.repeat(64 * 1024)
    for (let sent = 0; sent <= maxRequestBodyBytes && !chunked.socket.destroyed;) {
      chunked.socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)
      sent += chunk.length
    }
    expect(await statusOf(chunked)).toBe(413)
    await chunked.closed
  })

  it('are refused unread, with the connection closed, when the token is missing', async () => {
    const connection = await connect()
    connection.socket.write(head('POST', '/api/invoke/app.info', { 'Content-Length': 10_000_000 }))
    expect(await statusOf(connection)).toBe(403)
    await connection.closed
  })

  it('still take a normal call on a kept-alive connection', async () => {
    const response = await fetch(`${host.origin}/api/invoke/app.info`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}` },
      body: JSON.stringify({ padding: 'x'.repeat(500_000) }),
    })
    expect(response.status).toBe(200)
  })
})

describe('event streams', () => {
  it('are capped: one more than the cap is refused until one closes', async () => {
    const open = []
    for (let n = 0; n < maxEventStreams; n++) {
      const stream = await connect()
      stream.socket.write(head('GET', '/api/events', auth()))
      expect(await statusOf(stream)).toBe(200)
      open.push(stream)
    }
    const refused = await connect()
    refused.socket.write(head('GET', '/api/events', auth()))
    expect(await statusOf(refused)).toBe(503)

    open[0]!.socket.destroy()
    await open[0]!.closed
    await expect
      .poll(async () => {
        const again = await connect()
        again.socket.write(head('GET', '/api/events', auth()))
        const status = await statusOf(again)
        again.socket.destroy()
        return status
      })
      .toBe(200)
  })

  it('drop a reader that stops reading instead of buffering for it without end', async () => {
    const slow = await connect()
    slow.socket.write(head('GET', '/api/events', auth()))
    expect(await statusOf(slow)).toBe(200)
    slow.socket.pause()

    const frames = 200
    const message = 'x'.repeat(128 * 1024)
    for (let n = 0; n < frames; n++) {
      core.router.events.emit('app.notice', { level: 'info', message: `${n} ${message}` })
      // Let the socket flush what it can between events, as a real stream of events would.
      await new Promise((resolve) => setImmediate(resolve))
    }
    slow.socket.resume()
    await slow.closed
    const delivered = slow.received().split('event: app.notice').length - 1
    expect(delivered).toBeLessThan(frames)
  })
})

describe('a request that stalls', () => {
  it('times out within 30 s by default', () => {
    expect(stalledRequestLimitMs()).toBeLessThanOrEqual(30_000)
  })

  it('times out with its connection closed, headers or body', async () => {
    const noBody = await connect()
    noBody.socket.write(
      head('POST', '/api/invoke/app.info', { ...auth(), 'Content-Length': 100 }) + '{"in',
    )
    await noBody.closed
    expect(noBody.received()).toMatch(/^HTTP\/1\.1 408|^$/)

    const noHeaders = await connect()
    noHeaders.socket.write(`GET / HTTP/1.1\r\nHost: ${new URL(host.origin).host}\r\n`)
    await noHeaders.closed
  })

  it('leaves an open event stream alone while stalled requests around it time out', async () => {
    const stream = await connect()
    stream.socket.write(head('GET', '/api/events', auth()))
    expect(await statusOf(stream)).toBe(200)
    const stalled = await connect()
    stalled.socket.write(head('POST', '/api/invoke/app.info', { ...auth(), 'Content-Length': 9 }))
    await stalled.closed
    core.router.events.emit('app.notice', { level: 'info', message: 'still here' })
    await expect.poll(() => stream.received()).toContain('still here')
    expect(stream.socket.destroyed).toBe(false)
  })
})
