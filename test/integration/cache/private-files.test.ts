/**
 * The data folder and everything Freightdesk writes there are for the dispatcher's user alone:
 * folders 0700, files 0600 (the cache, its write-ahead log and shared memory, the grid state,
 * exports while they are written), whatever the process umask, and a folder or cache left
 * readable by an older build is tightened at the next start. POSIX only: on Windows the user's
 * profile protects the folder (see docs/security.md).
 */
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../electron/main/core'
import { createDownloadShelf, type DownloadShelf } from '../../../electron/main/export/destination'
import { createRecordingLogger } from '../../support/recording-logger'
import { buildSeededCache } from '../../support/seeded-cache'
import { makeTempDir } from '../../support/temp-dir'

let temp: ReturnType<typeof makeTempDir>
let previousUmask: number
const cores: Core[] = []
const shelves: DownloadShelf[] = []

beforeEach(() => {
  temp = makeTempDir('freightdesk-private-')
  // The usual desktop umask: without explicit modes, files would be 0644 and folders 0755.
  previousUmask = process.umask(0o022)
})
afterEach(async () => {
  for (const core of cores.splice(0)) await core.dispose()
  for (const shelf of shelves.splice(0)) shelf.close()
  process.umask(previousUmask)
  temp.remove()
})

function start(dataDir: string, exportsDir?: string): Core {
  const shelf = exportsDir ? createDownloadShelf(exportsDir) : undefined
  if (shelf) shelves.push(shelf)
  const core = createCore({
    dataDir,
    shell: 'web',
    platform: 'linux',
    validateContracts: true,
    log: createRecordingLogger(),
    ...(shelf ? { ports: { exportDestination: shelf } } : {}),
  })
  cores.push(core)
  return core
}

/** Every folder and file under `dir` (itself included) with its permission bits. */
function modes(dir: string): Array<{ path: string; mode: string }> {
  const found = [{ path: '.', mode: (statSync(dir).mode & 0o777).toString(8) }]
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    found.push({ path: name, mode: (statSync(path.join(dir, name)).mode & 0o777).toString(8) })
  }
  return found
}

function expectPrivate(dir: string): void {
  for (const entry of modes(dir)) {
    const isDir = statSync(path.join(dir, entry.path)).isDirectory()
    expect(entry, entry.path).toEqual({ path: entry.path, mode: isDir ? '700' : '600' })
  }
}

describe.skipIf(process.platform === 'win32')('files in the data folder', () => {
  it('are the user’s alone: folder 0700; cache, WAL, SHM, grid state and exports 0600', async () => {
    const dataDir = path.join(temp.dir, 'new', 'Freightdesk')
    const exportsDir = path.join(temp.dir, 'exports')
    buildSeededCache(dataDir, { count: 50, seed: 3 })
    const core = start(dataDir, exportsDir)
    await core.ready
    await core.router.invoke('grid.saveState', { looked: true })
    const exported = await core.router.invoke('freights.export', {
      query: {},
      columns: ['reference'],
      format: 'xlsx',
    })
    expect(exported.ok).toBe(true)
    const names = readdirSync(dataDir)
    expect(names).toEqual(
      expect.arrayContaining([
        'freightdesk.sqlite',
        'freightdesk.sqlite-wal',
        'freightdesk.sqlite-shm',
        'grid-state.json',
      ]),
    )
    expectPrivate(dataDir)
    expectPrivate(exportsDir)
  })

  it('tightens a data folder and cache that an older build left readable by others', async () => {
    const dataDir = path.join(temp.dir, 'old')
    buildSeededCache(dataDir, { count: 10, seed: 4 })
    mkdirSync(path.join(dataDir, 'leftover'), { recursive: true })
    writeFileSync(path.join(dataDir, 'grid-state.json'), '{}')
    chmodSync(dataDir, 0o755)
    for (const name of readdirSync(dataDir)) chmodSync(path.join(dataDir, name), 0o644)
    chmodSync(path.join(dataDir, 'leftover'), 0o755)
    const core = start(dataDir)
    await core.ready
    await core.router.invoke('grid.saveState', { looked: true })
    expect((statSync(dataDir).mode & 0o777).toString(8)).toBe('700')
    for (const name of ['freightdesk.sqlite', 'grid-state.json']) {
      expect((statSync(path.join(dataDir, name)).mode & 0o777).toString(8), name).toBe('600')
    }
  })
})
