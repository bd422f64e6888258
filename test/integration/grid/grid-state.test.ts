import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultColumnLayout, ViewQuery } from '@shared/domain/saved-view'
import { createCore, type Core } from '../../../electron/main/core'
import {
  createGridStateService,
  gridStateFileName,
} from '../../../electron/main/services/grid-state'
import { createRecordingLogger } from '../../support/recording-logger'
import { makeTempDir } from '../../support/temp-dir'

let temp: ReturnType<typeof makeTempDir>

beforeEach(() => {
  temp = makeTempDir('freightdesk-grid-state-')
})
afterEach(() => temp.remove())

const working = {
  viewId: null,
  query: ViewQuery.parse({ statuses: ['active'], text: 'łódź', sort: [] }),
  layout: defaultColumnLayout(),
}

describe('grid state', () => {
  it('starts empty, keeps the working view and the last look across restarts', () => {
    const log = createRecordingLogger()
    let now = new Date('2026-11-02T10:00:00.000Z')
    const first = createGridStateService({ dataDir: temp.dir, log, now: () => now })
    expect(first.get()).toEqual({ lastLookedAt: null, working: null })
    first.save({ working })
    now = new Date('2026-11-02T10:05:00.000Z')
    expect(first.save({ looked: true })).toEqual({
      lastLookedAt: '2026-11-02T10:05:00.000Z',
      working,
    })

    const restarted = createGridStateService({ dataDir: temp.dir, log })
    expect(restarted.get()).toEqual({ lastLookedAt: '2026-11-02T10:05:00.000Z', working })
    expect(restarted.save({ working: null }).working).toBeNull()
    expect(log.lines).toEqual([])
  })

  it('treats a damaged or foreign file as no state, and says so in the log', () => {
    const log = createRecordingLogger()
    const file = path.join(temp.dir, gridStateFileName)
    for (const content of [
      '{not json',
      '{"version":1,"lastLookedAt":"yesterday","working":null}',
    ]) {
      writeFileSync(file, content)
      const service = createGridStateService({ dataDir: temp.dir, log })
      expect(service.get()).toEqual({ lastLookedAt: null, working: null })
    }
    expect(log.lines.filter((line) => line.level === 'warn')).toHaveLength(2)
    // The next save replaces it with a valid file.
    createGridStateService({ dataDir: temp.dir, log }).save({ looked: true })
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 1, working: null })
  })

  it('is reachable through the router, which validates what is saved', async () => {
    const core: Core = createCore({
      dataDir: temp.dir,
      shell: 'web',
      platform: 'linux',
      validateContracts: true,
      log: createRecordingLogger(),
    })
    try {
      expect(await core.router.invoke('grid.saveState', { working })).toMatchObject({
        ok: true,
        value: { working },
      })
      const bad = await core.router.invoke('grid.saveState', {
        working: { ...working, layout: { columns: [] } },
      })
      expect(bad).toMatchObject({ ok: false, error: { code: 'validation' } })
      const nothing = await core.router.invoke('grid.saveState', {})
      expect(nothing).toMatchObject({ ok: false, error: { code: 'validation' } })
      expect(await core.router.invoke('grid.state', undefined)).toMatchObject({
        ok: true,
        value: { working },
      })
    } finally {
      await core.dispose()
    }
  })
})
