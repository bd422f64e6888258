/**
 * The app icon in every size each platform wants, from the one source image
 * `resources/icon.png` (1024 × 1024, RGBA): `icon.icns` for macOS, `icon.ico` for Windows (the app,
 * the installer and its shortcuts), and `NxN.png` for Linux. Written to `build/icons/` (not kept
 * in git) by `npm run icons`, which `npm run dist` runs first. Plain Node: PNGs are read and
 * written with zlib, sizes made by averaging the source pixels each one covers.
 *
 * Usage: node build/icons.mjs [output folder]
 */
import { Buffer } from 'node:buffer'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync, inflateSync } from 'node:zlib'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const sourceIcon = path.join(root, 'resources/icon.png')

/** Sizes in the Windows .ico: small ones as bitmaps (every Windows reads them), 256 as PNG. */
export const icoSizes = [16, 20, 24, 32, 40, 48, 64, 256]
/** The macOS .icns: each type code and the pixel size it holds (Retina pairs included). */
export const icnsTypes = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
]
export const linuxSizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024]

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Reads an 8-bit RGBA, non-interlaced PNG: `{ width, height, pixels }` (RGBA, not premultiplied). */
export function decodePng(bytes) {
  if (!bytes.subarray(0, 8).equals(pngSignature)) throw new Error('not a PNG file')
  let offset = 8
  let header = null
  const data = []
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset)
    const type = bytes.toString('latin1', offset + 4, offset + 8)
    const body = bytes.subarray(offset + 8, offset + 8 + length)
    if (type === 'IHDR') {
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        depth: body[8],
        colour: body[9],
        interlace: body[12],
      }
    } else if (type === 'IDAT') data.push(body)
    else if (type === 'IEND') break
    offset += 12 + length
  }
  if (!header) throw new Error('the PNG has no header')
  const { width, height, depth, colour, interlace } = header
  if (depth !== 8 || colour !== 6 || interlace !== 0) {
    throw new Error('the icon must be an 8-bit RGBA PNG without interlacing')
  }
  const raw = inflateSync(Buffer.concat(data))
  const stride = width * 4
  const pixels = Buffer.alloc(stride * height)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1))
    const out = y * stride
    for (let x = 0; x < stride; x++) {
      const left = x >= 4 ? pixels[out + x - 4] : 0
      const up = y > 0 ? pixels[out - stride + x] : 0
      const upLeft = y > 0 && x >= 4 ? pixels[out - stride + x - 4] : 0
      let predicted = 0
      if (filter === 1) predicted = left
      else if (filter === 2) predicted = up
      else if (filter === 3) predicted = (left + up) >> 1
      else if (filter === 4) {
        const estimate = left + up - upLeft
        const [a, b, c] = [left, up, upLeft].map((v) => Math.abs(estimate - v))
        predicted = a <= b && a <= c ? left : b <= c ? up : upLeft
      }
      pixels[out + x] = (line[x] + predicted) & 0xff
    }
  }
  return { width, height, pixels }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes) {
  let c = 0xffffffff
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, body) {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(body.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0)
  return Buffer.concat([head, body, crc])
}

/** Writes RGBA pixels as an 8-bit RGBA PNG. */
export function encodePng({ width, height, pixels }) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8
  header[9] = 6
  const stride = width * 4
  const raw = Buffer.alloc((stride + 1) * height)
  for (let y = 0; y < height; y++) {
    pixels.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride)
  }
  return Buffer.concat([
    pngSignature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/**
 * The image at `size` × `size`: each new pixel averages the source pixels it covers (partly
 * covered ones in proportion), colours weighted by their alpha so edges do not darken.
 */
export function resize(image, size) {
  const { width, height, pixels } = image
  if (size === width && size === height) return { width, height, pixels: Buffer.from(pixels) }
  const out = Buffer.alloc(size * size * 4)
  const sx = width / size
  const sy = height / size
  for (let y = 0; y < size; y++) {
    const top = y * sy
    const bottom = top + sy
    for (let x = 0; x < size; x++) {
      const left = x * sx
      const right = left + sx
      let r = 0
      let g = 0
      let b = 0
      let a = 0
      let area = 0
      for (let py = Math.floor(top); py < Math.ceil(bottom); py++) {
        const wy = Math.min(bottom, py + 1) - Math.max(top, py)
        for (let px = Math.floor(left); px < Math.ceil(right); px++) {
          const w = (Math.min(right, px + 1) - Math.max(left, px)) * wy
          const at = (py * width + px) * 4
          const alpha = pixels[at + 3] * w
          r += pixels[at] * alpha
          g += pixels[at + 1] * alpha
          b += pixels[at + 2] * alpha
          a += alpha
          area += w
        }
      }
      const at = (y * size + x) * 4
      if (a > 0) {
        out[at] = Math.round(r / a)
        out[at + 1] = Math.round(g / a)
        out[at + 2] = Math.round(b / a)
      }
      out[at + 3] = Math.round(a / area)
    }
  }
  return { width: size, height: size, pixels: out }
}

/** One .ico entry as a bitmap: BGRA rows bottom-up, then the (unused, all-clear) AND mask. */
function icoBitmap({ width, height, pixels }) {
  const header = Buffer.alloc(40)
  header.writeUInt32LE(40, 0)
  header.writeInt32LE(width, 4)
  header.writeInt32LE(height * 2, 8)
  header.writeUInt16LE(1, 12)
  header.writeUInt16LE(32, 14)
  const colour = Buffer.alloc(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * 4
      const to = ((height - 1 - y) * width + x) * 4
      colour[to] = pixels[from + 2]
      colour[to + 1] = pixels[from + 1]
      colour[to + 2] = pixels[from]
      colour[to + 3] = pixels[from + 3]
    }
  }
  const maskStride = Math.ceil(width / 32) * 4
  return Buffer.concat([header, colour, Buffer.alloc(maskStride * height)])
}

export function buildIco(images) {
  const entries = images.map((image) => (image.width >= 256 ? encodePng(image) : icoBitmap(image)))
  const head = Buffer.alloc(6 + 16 * images.length)
  head.writeUInt16LE(1, 2)
  head.writeUInt16LE(images.length, 4)
  let offset = head.length
  images.forEach((image, i) => {
    const at = 6 + 16 * i
    head[at] = image.width >= 256 ? 0 : image.width
    head[at + 1] = image.height >= 256 ? 0 : image.height
    head.writeUInt16LE(1, at + 4)
    head.writeUInt16LE(32, at + 6)
    head.writeUInt32LE(entries[i].length, at + 8)
    head.writeUInt32LE(offset, at + 12)
    offset += entries[i].length
  })
  return Buffer.concat([head, ...entries])
}

export function buildIcns(entries) {
  const parts = entries.map(([type, png]) => {
    const head = Buffer.alloc(8)
    head.write(type, 0, 'latin1')
    head.writeUInt32BE(png.length + 8, 4)
    return Buffer.concat([head, png])
  })
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'latin1')
  head.writeUInt32BE(8 + parts.reduce((sum, part) => sum + part.length, 0), 4)
  return Buffer.concat([head, ...parts])
}

/** Writes every icon into `outDir` and answers the files written. */
export function writeIcons(outDir, source = sourceIcon) {
  const image = decodePng(readFileSync(source))
  if (image.width !== 1024 || image.height !== 1024) {
    throw new Error(`${source} must be 1024 × 1024 (it is ${image.width} × ${image.height})`)
  }
  const cache = new Map()
  const sized = (size) => {
    if (!cache.has(size)) cache.set(size, resize(image, size))
    return cache.get(size)
  }
  const png = (size) => encodePng(sized(size))
  mkdirSync(outDir, { recursive: true })
  const written = []
  const write = (name, bytes) => {
    writeFileSync(path.join(outDir, name), bytes)
    written.push(name)
  }
  write('icon.ico', buildIco(icoSizes.map(sized)))
  write('icon.icns', buildIcns(icnsTypes.map(([type, size]) => [type, png(size)])))
  for (const size of linuxSizes) write(`${size}x${size}.png`, png(size))
  return written
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = path.resolve(process.argv[2] ?? path.join(root, 'build/icons'))
  const written = writeIcons(outDir)
  console.log(`icons: ${written.length} files in ${path.relative(process.cwd(), outDir) || '.'}`)
}
