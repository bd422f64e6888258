/**
 * The grid's remembered state, a small JSON file beside the cache: the tab left open with its
 * unsaved filters and layout, and when the dispatcher last looked at the grid (for the "new since
 * you last looked" marker). Written whole to a temporary file and renamed, so a crash leaves the
 * old file or the new one, never half of one. An unreadable file counts as no state.
 */
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { GridState, type WorkingView } from '@shared/grid'
import type { Logger } from '../log'
import { privateFileMode } from '../private-files'

export const gridStateFileName = 'grid-state.json'

export interface GridStateService {
  get(): GridState
  save(input: { working?: WorkingView | null; looked?: true }): GridState
}

const StoredGridState = GridState.extend({ version: z.literal(1) })

const empty: GridState = { lastLookedAt: null, working: null }

export function createGridStateService(deps: {
  dataDir: string
  log: Logger
  now?: () => Date
}): GridStateService {
  const file = path.join(deps.dataDir, gridStateFileName)
  const now = deps.now ?? (() => new Date())
  let state: GridState | null = null

  function load(): GridState {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      return empty
    }
    try {
      const parsed = StoredGridState.safeParse(JSON.parse(text))
      if (parsed.success)
        return { lastLookedAt: parsed.data.lastLookedAt, working: parsed.data.working }
    } catch {
      // Not JSON: handled below like a file that does not match the schema.
    }
    deps.log.warn('the grid state file could not be read; starting from the default grid', {
      file,
    })
    return empty
  }

  function write(next: GridState): void {
    const temporary = `${file}.tmp`
    writeFileSync(temporary, `${JSON.stringify({ version: 1, ...next })}\n`, {
      mode: privateFileMode,
    })
    // A file left by an older build keeps its mode through writeFile; the rename takes this one.
    chmodSync(temporary, privateFileMode)
    renameSync(temporary, file)
  }

  return {
    get() {
      state ??= load()
      return state
    },
    save(input) {
      const current = (state ??= load())
      const next: GridState = {
        lastLookedAt: input.looked ? now().toISOString() : current.lastLookedAt,
        working: input.working === undefined ? current.working : input.working,
      }
      write(next)
      state = next
      return next
    },
  }
}
