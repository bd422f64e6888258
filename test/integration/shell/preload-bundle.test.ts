/**
 * The preload runs in every window before the page: it stays a thin door (a plain list of names,
 * no zod, no schemas) and small. Validation is the router's job in main.
 */
import { readFileSync, statSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { channelNames, eventNames } from '@shared/contract'
import { channelNameList, eventNameList } from '@shared/ipc-names'
import { builtFile } from '../../support/fresh-build'

const preloadLimitBytes = 20 * 1024

describe('the preload bundle', () => {
  it('is under 20 kB and carries no schema library', () => {
    const bundle = builtFile('preload/index.js')
    expect(statSync(bundle).size).toBeLessThan(preloadLimitBytes)
    const text = readFileSync(bundle, 'utf8')
    expect(text).not.toMatch(/ZodError|safeParse|_zod/)
  })

  it('allows exactly the contract’s channels and events', () => {
    expect([...channelNameList].sort()).toEqual([...channelNames].sort())
    expect([...eventNameList].sort()).toEqual([...eventNames].sort())
  })
})
