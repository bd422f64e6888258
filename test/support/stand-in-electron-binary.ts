import { writeFileSync } from 'node:fs'
import { FuseV1Options } from '@electron/fuses'

/** How many fuses this @electron/fuses knows. */
export const fuseCount = Object.keys(FuseV1Options).filter((key) =>
  Number.isNaN(Number(key)),
).length

/** Bytes before and after the fuse wire of a stand-in binary (to check nothing else changes). */
export const standInPadding = { before: 7, after: 9, length: 4096 }

/**
 * A stand-in for the Electron binary: filler bytes around a fuse wire laid out as Electron lays it
 * (a sentinel, a version, a length, one byte per fuse), set to Electron's defaults.
 */
export function writeStandInElectronBinary(file: string): void {
  const { before, after, length } = standInPadding
  // Electron's defaults: RunAsNode, cookie encryption off, NODE_OPTIONS, inspect on, ...
  const defaults = '1011001011'.slice(0, fuseCount)
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.alloc(length, before),
      Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
      Buffer.from([1, fuseCount]),
      Buffer.from(defaults),
      Buffer.alloc(length, after),
    ]),
    { mode: 0o755 },
  )
}
