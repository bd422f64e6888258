import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../electron/main/core'
import { createRecordingLogger } from '../../support/recording-logger'
import { makeTempDir } from '../../support/temp-dir'

let temp: ReturnType<typeof makeTempDir>
let opened: string[]
let cores: Core[]

beforeEach(() => {
  temp = makeTempDir()
  opened = []
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
        }
      : {},
  })
  cores.push(created)
  return created
}

describe('app.openExternal', () => {
  it('hands https addresses to the system browser', async () => {
    const result = await core(true).router.invoke('app.openExternal', {
      url: 'https://platform.example/freights/123?x=1',
    })
    expect(result).toEqual({ ok: true, value: { opened: true } })
    expect(opened).toEqual(['https://platform.example/freights/123?x=1'])
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
