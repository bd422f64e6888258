/**
 * The icons each platform wants, written by build/icons.mjs from the one source image: the sizes
 * inside the Windows .ico and the macOS .icns, and the pictures themselves (the blue tile with
 * clear corners at every size).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  decodePng as decodeUntyped,
  icnsTypes,
  icoSizes,
  linuxSizes,
  sourceIcon,
  writeIcons,
} from '../../../build/icons.mjs'
import { makeTempDir } from '../../support/temp-dir'

interface Image {
  width: number
  height: number
  pixels: Buffer
}
const decodePng = decodeUntyped as (bytes: Buffer) => Image

let temp: ReturnType<typeof makeTempDir>
let written: string[]
beforeAll(() => {
  temp = makeTempDir('freightdesk-icons-')
  written = writeIcons(temp.dir) as string[]
})
afterAll(() => temp.remove())

const read = (name: string) => readFileSync(path.join(temp.dir, name))
const pixel = (image: { width: number; pixels: Buffer }, x: number, y: number) => [
  ...image.pixels.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4),
]

/** The blue of the tile, give or take what averaging does. */
function expectTile(image: { width: number; height: number; pixels: Buffer }) {
  const [r, g, b, a] = pixel(image, Math.floor(image.width * 0.9), Math.floor(image.height / 2))
  expect(a).toBe(255)
  expect(b).toBeGreaterThan(200)
  expect(r).toBeLessThan(80)
  expect(g).toBeLessThan(140)
  expect(pixel(image, 0, 0)[3]).toBe(0)
}

describe('the app icons', () => {
  it('come from one 1024 × 1024 source image', () => {
    const source = decodePng(readFileSync(sourceIcon))
    expect([source.width, source.height]).toEqual([1024, 1024])
    expectTile(source)
  })

  it('write a .ico, a .icns and one PNG per Linux size', () => {
    expect(written).toEqual([
      'icon.ico',
      'icon.icns',
      ...linuxSizes.map((size) => `${size}x${size}.png`),
    ])
    for (const size of linuxSizes) {
      const image = decodePng(read(`${size}x${size}.png`))
      expect([image.width, image.height]).toEqual([size, size])
      expectTile(image)
    }
  })

  it('hold every Windows size, 256 as PNG and the smaller ones as bitmaps', () => {
    const ico = read('icon.ico')
    expect(ico.readUInt16LE(2)).toBe(1)
    const count = ico.readUInt16LE(4)
    const entries = Array.from({ length: count }, (_, i) => {
      const at = 6 + 16 * i
      const size = ico[at] === 0 ? 256 : ico[at]!
      const bytes = ico.subarray(
        ico.readUInt32LE(at + 12),
        ico.readUInt32LE(at + 12) + ico.readUInt32LE(at + 8),
      )
      return { size, bytes }
    })
    expect(entries.map((entry) => entry.size)).toEqual(icoSizes)
    for (const { size, bytes } of entries) {
      if (size === 256) {
        const image = decodePng(bytes)
        expect(image.width).toBe(256)
        expectTile(image)
      } else {
        // BITMAPINFOHEADER: width, twice the height (colour and mask), 32 bits per pixel.
        expect([bytes.readInt32LE(4), bytes.readInt32LE(8), bytes.readUInt16LE(14)]).toEqual([
          size,
          size * 2,
          32,
        ])
        // The bottom row comes first: its leftmost pixel is a clear corner.
        expect(bytes[40 + 3]).toBe(0)
      }
    }
  })

  it('hold every macOS size, Retina pairs included, as PNGs', () => {
    const icns = read('icon.icns')
    expect(icns.toString('latin1', 0, 4)).toBe('icns')
    expect(icns.readUInt32BE(4)).toBe(icns.length)
    const found: Array<[string, number]> = []
    for (let at = 8; at < icns.length;) {
      const type = icns.toString('latin1', at, at + 4)
      const length = icns.readUInt32BE(at + 4)
      const image = decodePng(icns.subarray(at + 8, at + length))
      expect(image.width).toBe(image.height)
      found.push([type, image.width])
      at += length
    }
    expect(found).toEqual(icnsTypes as Array<[string, number]>)
    expect(found.map(([, size]) => size)).toContain(1024)
  })
})
