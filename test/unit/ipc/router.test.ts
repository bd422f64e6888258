import { describe, expect, it, vi } from 'vitest'
import { appError } from '@shared/errors'
import { createEventHub } from '../../../electron/main/events/event-hub'
import { createRouter, type Handlers } from '../../../electron/main/ipc/router'
import { createRecordingLogger } from '../../support/recording-logger'

const info = {
  name: 'Freightdesk',
  version: '1.2.3',
  dataDir: '/data',
  platform: 'linux' as const,
  shell: 'web' as const,
}

function setup(appInfo: Handlers['app.info'], validateOutput = true) {
  const log = createRecordingLogger()
  const events = createEventHub({ validate: true, log })
  // Only app.info is called here; the other channels' handlers are never reached.
  const handlers = { 'app.info': appInfo } as Partial<Handlers> as Handlers
  const router = createRouter(handlers, events, { validateOutput, log })
  return { router, log, events }
}

describe('router', () => {
  it('runs the handler for a valid input and returns its value', async () => {
    const { router } = setup(() => info)
    await expect(router.invoke('app.info', undefined)).resolves.toEqual({ ok: true, value: info })
  })

  it('answers a validation error in plain words, the channel only in the log, no handler run', async () => {
    const handler = vi.fn(() => info)
    const { router, log } = setup(handler)
    const result = await router.invoke('app.info', { dataDir: 'x' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('validation')
    expect(result.error.message).not.toContain('app.info')
    expect(result.error.message).not.toMatch(/invalid input|expected/i)
    expect(result.error.message).toMatch(/^Freightdesk could not use what was entered/)
    expect(result.error.fields).toHaveProperty('')
    expect(log.text()).toContain('app.info')
    expect(handler).not.toHaveBeenCalled()
  })

  it('answers not_found for a channel the contract does not declare', async () => {
    const { router } = setup(() => info)
    const result = await router.invoke('fs.readFile', '/etc/passwd')
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('does not treat inherited object keys as channels', async () => {
    const { router } = setup(() => info)
    const result = await router.invoke('toString', undefined)
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('turns a thrown error into an internal AppError without leaking its message or stack', async () => {
    const { router, log } = setup(() => {
      throw new Error('secret detail at /home/user/.ssh')
    })
    const result = await router.invoke('app.info', undefined)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('internal')
    expect(JSON.stringify(result)).not.toContain('secret detail')
    expect(JSON.stringify(result)).not.toContain('at ')
    expect(log.lines.some((line) => line.level === 'error')).toBe(true)
  })

  it('passes an AppErrorException from a service through unchanged', async () => {
    const { router } = setup(() => {
      throw appError('auth_required', 'Sign in to Trans.eu again.', { provider: 'transeu' })
    })
    await expect(router.invoke('app.info', undefined)).resolves.toEqual({
      ok: false,
      error: { code: 'auth_required', message: 'Sign in to Trans.eu again.', provider: 'transeu' },
    })
  })

  it('rejects handler output outside the contract when validating outputs', async () => {
    const broken = (() => ({ ...info, platform: 'beos' })) as unknown as Handlers['app.info']
    const { router, log } = setup(broken)
    const result = await router.invoke('app.info', undefined)
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(log.text()).toContain('outside the contract')
  })

  it('skips output validation when told to (production)', async () => {
    const broken = (() => ({ ...info, platform: 'beos' })) as unknown as Handlers['app.info']
    const { router } = setup(broken, false)
    const result = await router.invoke('app.info', undefined)
    expect(result.ok).toBe(true)
  })

  it('delivers events to subscribers and validates their payloads', () => {
    const { events } = setup(() => info)
    const received: unknown[] = []
    const unsubscribe = events.subscribe((name, payload) => received.push([name, payload]))
    events.emit('app.notice', { level: 'info', message: 'Synced' })
    unsubscribe()
    events.emit('app.notice', { level: 'info', message: 'not delivered' })
    expect(received).toEqual([['app.notice', { level: 'info', message: 'Synced' }]])
    expect(() => events.emit('app.notice', { level: 'loud', message: 'x' } as never)).toThrow()
  })
})
