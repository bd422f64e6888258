import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../electron/main/core'
import { createRecordingLogger } from '../../support/recording-logger'
import { makeTempDir } from '../../support/temp-dir'

let temp: ReturnType<typeof makeTempDir>
let opened: string[]
let asked: string[]
let answers: boolean[]
let cores: Core[]

beforeEach(() => {
  temp = makeTempDir()
  opened = []
  asked = []
  answers = []
  cores = []
})
afterEach(async () => {
  for (const core of cores) await core.dispose()
  temp.remove()
})

function core(withBrowser: boolean): Core {
  const created = createCore({
    dataDir: temp.dir,
    shell: withBrowser ? 'electron' : 'web',
    platform: 'linux',
    validateContracts: true,
    log: createRecordingLogger(),
    ports: withBrowser
      ? {
          openExternal: (url) => {
            opened.push(url)
            return Promise.resolve()
          },
          confirmExternal: (url) => {
            asked.push(url)
            return Promise.resolve(answers.shift() ?? false)
          },
        }
      : {},
  })
  cores.push(created)
  return created
}

describe('app.openExternal', () => {
  it("hands the providers' https addresses to the system browser without asking", async () => {
    const router = core(true).router
    for (const url of [
      'https://api.spotgo.eu/share/abc?x=1',
      'https://auth.platform.trans.eu/oauth2/auth',
      'https://preprod.api.crego.io/documents/1',
    ]) {
      expect(await router.invoke('app.openExternal', { url })).toEqual({
        ok: true,
        value: { opened: true },
      })
    }
    expect(opened).toHaveLength(3)
    expect(asked).toEqual([])
  })

  it('opens share links the app made without asking', async () => {
    const created = core(true)
    const link = 'https://share.spotgo-links.example/s/7f3a'
    created.cache.shares.insert({
      id: 'share-1',
      accountId: 'acc',
      accountName: 'SpotGo',
      provider: 'spotgo',
      kind: 'freights',
      freights: [{ freightId: null, providerId: 'p-1', reference: null }],
      document: null,
      url: link,
      providerShareId: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2026-01-02T00:00:00.000Z',
      revokedAt: null,
    })
    const result = await created.router.invoke('app.openExternal', { url: link })
    expect(result).toEqual({ ok: true, value: { opened: true } })
    expect(asked).toEqual([])
    // Another address on the same host is not a link the app made.
    await created.router.invoke('app.openExternal', { url: `${link}-other` })
    expect(asked).toEqual([`${link}-other`])
  })

  it('asks first for any other https address, showing it, and opens it only on yes', async () => {
    const router = core(true).router
    answers.push(false, true)
    const url = 'https://platform.example/freights/123?x=1'
    expect(await router.invoke('app.openExternal', { url })).toEqual({
      ok: true,
      value: { opened: false, declined: true },
    })
    expect(opened).toEqual([])
    expect(await router.invoke('app.openExternal', { url })).toEqual({
      ok: true,
      value: { opened: true },
    })
    expect(asked).toEqual([url, url])
    expect(opened).toEqual([url])
  })

  it('refuses every other scheme before anything is opened', async () => {
    const router = core(true).router
    for (const url of [
      'http://platform.example/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,hi',
      'https:relative',
      'not a url',
    ]) {
      const result = await router.invoke('app.openExternal', { url })
      expect(result, url).toMatchObject({ ok: false, error: { code: 'validation' } })
      if (!result.ok) expect(result.error.fields).toHaveProperty('url')
    }
    expect(opened).toEqual([])
  })

  it('answers opened: false in a shell with no system browser to hand to', async () => {
    const result = await core(false).router.invoke('app.openExternal', {
      url: 'https://platform.example/',
    })
    expect(result).toEqual({ ok: true, value: { opened: false } })
  })
})
