/**
 * Makes a damaged copy of a cache file openable again when its first page is gone. The first 100
 * bytes (the header) only say how to read the file, so a header of noise is written anew. The rest
 * of page 1 is the root of the schema table: when it is noise too, the schema rows that survive on
 * other pages are found by reading every page as SQLite lays it out, and a new page 1 is written
 * that names the tables the cache can carry at the root pages those rows give.
 *
 * Only ever applied to a working copy: the damaged file itself is kept as it was.
 */
import { closeSync, openSync, readFileSync, readSync, statSync, writeSync } from 'node:fs'
import Database from 'better-sqlite3'

const magic = Buffer.from('SQLite format 3\0', 'latin1')
const pageSizes = [4096, 1024, 2048, 8192, 16384, 32768, 65536, 512]

/** Whether the file starts with SQLite's magic string. */
export function hasHeader(file: string): boolean {
  const head = Buffer.alloc(magic.length)
  const fd = openSync(file, 'r')
  try {
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(magic)
  } finally {
    closeSync(fd)
  }
}

/**
 * A valid header for a file of `pageSize` pages that does not say how many pages there are (SQLite
 * then goes by the file's size), with an empty freelist and UTF-8 text. The schema version is
 * unknown and left at 0: what is read is matched by table and column names, not by version.
 */
export function freshHeader(pageSize: number): Buffer {
  const header = Buffer.alloc(100)
  magic.copy(header, 0)
  header.writeUInt16BE(pageSize === 65536 ? 1 : pageSize, 16)
  header[18] = 1 // legacy journal: any write-ahead log beside the copy is not replayed
  header[19] = 1
  header[20] = 0
  header[21] = 64
  header[22] = 32
  header[23] = 32
  header.writeUInt32BE(1, 24) // change counter; differs from "version valid for" below
  header.writeUInt32BE(1, 40) // schema cookie
  header.writeUInt32BE(4, 44) // schema format
  header.writeUInt32BE(1, 56) // UTF-8
  header.writeUInt32BE(0, 92)
  header.writeUInt32BE(3_045_000, 96)
  return header
}

/** Writes `bytes` at `offset` of `file`. */
function writeAt(file: string, bytes: Buffer, offset: number): void {
  const fd = openSync(file, 'r+')
  try {
    writeSync(fd, bytes, 0, bytes.length, offset)
  } finally {
    closeSync(fd)
  }
}

/** The page sizes worth trying for `file`, most likely first. */
export function candidatePageSizes(file: string): number[] {
  const size = statSync(file).size
  return pageSizes.filter((pageSize) => size >= pageSize * 2 && size % pageSize === 0)
}

/** Writes a fresh header over the copy's first 100 bytes. */
export function rewriteHeader(file: string, pageSize: number): void {
  writeAt(file, freshHeader(pageSize), 0)
}

/** A row of the schema table as found on a page. */
export interface SchemaRow {
  type: string
  name: string
  tableName: string
  rootPage: number
  sql: string | null
}

/**
 * Every schema-table row on pages 2 and on of `file`, read as SQLite lays out a table b-tree leaf
 * page: a cell pointer array, then cells of a payload length, a rowid and a record.
 */
export function findSchemaRows(file: string, pageSize: number): SchemaRow[] {
  const bytes = readFileSync(file)
  const pages = Math.floor(bytes.length / pageSize)
  const found: SchemaRow[] = []
  for (let page = 2; page <= pages; page++) {
    const start = (page - 1) * pageSize
    if (bytes[start] !== 0x0d) continue
    for (const record of leafRecords(bytes, start, pageSize)) {
      const row = asSchemaRow(record)
      if (row) found.push(row)
    }
  }
  return found
}

type Value = string | number | null | Buffer

function asSchemaRow(record: Value[]): SchemaRow | null {
  if (record.length !== 5) return null
  const [type, name, tableName, rootPage, sql] = record
  if (type !== 'table' && type !== 'index' && type !== 'trigger' && type !== 'view') return null
  if (typeof name !== 'string' || typeof tableName !== 'string') return null
  if (typeof rootPage !== 'number' || !Number.isInteger(rootPage)) return null
  if (sql !== null && typeof sql !== 'string') return null
  return { type, name, tableName, rootPage, sql }
}

/** The records of the cells of one table b-tree leaf page; cells that do not parse are skipped. */
function leafRecords(bytes: Buffer, start: number, pageSize: number): Value[][] {
  const records: Value[][] = []
  const cells = bytes.readUInt16BE(start + 3)
  if (cells === 0 || 8 + cells * 2 > pageSize) return records
  for (let n = 0; n < cells; n++) {
    const pointer = bytes.readUInt16BE(start + 8 + n * 2)
    if (pointer < 8 || pointer >= pageSize) continue
    try {
      const payload = cellPayload(bytes, start, pointer, pageSize)
      if (payload) records.push(decodeRecord(payload))
    } catch {
      // A cell of noise: skipped.
    }
  }
  return records
}

/** The payload of the cell at `pointer`, following overflow pages when it does not fit. */
function cellPayload(bytes: Buffer, start: number, pointer: number, pageSize: number) {
  let at = start + pointer
  const [length, lengthSize] = readVarint(bytes, at)
  at += lengthSize
  const [, rowidSize] = readVarint(bytes, at)
  at += rowidSize
  if (length > 64 * 1024 * 1024) return null
  const usable = pageSize
  const maxLocal = usable - 35
  let local = length
  if (length > maxLocal) {
    const minLocal = Math.floor(((usable - 12) * 32) / 255) - 23
    const k = minLocal + ((length - minLocal) % (usable - 4))
    local = k <= maxLocal ? k : minLocal
  }
  if (at + local > start + pageSize) return null
  const parts = [bytes.subarray(at, at + local)]
  let left = length - local
  let next = left > 0 ? bytes.readUInt32BE(at + local) : 0
  for (let hops = 0; left > 0; hops++) {
    const offset = (next - 1) * pageSize
    if (next < 2 || offset + pageSize > bytes.length || hops > 10_000) return null
    const take = Math.min(left, usable - 4)
    parts.push(bytes.subarray(offset + 4, offset + 4 + take))
    left -= take
    next = bytes.readUInt32BE(offset)
  }
  return Buffer.concat(parts)
}

/** SQLite's record format: a header of serial types, then the values they describe. */
function decodeRecord(payload: Buffer): Value[] {
  const [headerSize, first] = readVarint(payload, 0)
  if (headerSize > payload.length || headerSize < first) throw new Error('bad record header')
  const types: number[] = []
  for (let at = first; at < headerSize;) {
    const [type, size] = readVarint(payload, at)
    types.push(type)
    at += size
  }
  const values: Value[] = []
  let at = headerSize
  for (const type of types) {
    const size = serialSize(type)
    if (at + size > payload.length) throw new Error('record runs past its payload')
    values.push(serialValue(payload, at, type, size))
    at += size
  }
  return values
}

function serialSize(type: number): number {
  if (type >= 12) return Math.floor((type - 12) / 2)
  return [0, 1, 2, 3, 4, 6, 8, 8, 0, 0, 0, 0][type] ?? 0
}

function serialValue(payload: Buffer, at: number, type: number, size: number): Value {
  if (type === 0) return null
  if (type === 6) return Number(payload.readBigInt64BE(at))
  if (type >= 1 && type <= 5) return payload.readIntBE(at, size)
  if (type === 7) return payload.readDoubleBE(at)
  if (type === 8) return 0
  if (type === 9) return 1
  if (type >= 12 && type % 2 === 0) return payload.subarray(at, at + size)
  if (type >= 13) return payload.toString('utf8', at, at + size)
  throw new Error(`serial type ${type} is reserved`)
}

/** SQLite's variable-length integer: 1 to 9 bytes, big-endian, 7 bits a byte (8 in the ninth). */
function readVarint(bytes: Buffer, at: number): [number, number] {
  let value = 0
  for (let n = 0; n < 9; n++) {
    const byte = bytes[at + n]
    if (byte === undefined) throw new Error('varint past the end')
    if (n === 8) return [value * 256 + byte, 9]
    value = value * 128 + (byte & 0x7f)
    if (byte < 0x80) return [value, n + 1]
  }
  return [value, 9]
}

/** A table to name on the new first page: its name, its root page and its CREATE statement. */
export interface TableRoot {
  name: string
  rootPage: number
  sql: string
}

/**
 * Writes a new page 1 over the copy: a header, and a schema that names `tables` at their root
 * pages (with their column names only, so that the schema fits one page). Returns false when it
 * does not fit one page.
 */
export function rewriteFirstPage(
  file: string,
  pageSize: number,
  tables: readonly TableRoot[],
): boolean {
  const scratch = new Database(':memory:')
  try {
    // Defensive mode (better-sqlite3's default) refuses changes to the schema table.
    scratch.unsafeMode(true)
    scratch.pragma(`page_size = ${pageSize}`)
    scratch.pragma('writable_schema = ON')
    for (const table of tables) scratch.exec(minimalCreate(table.name, table.sql))
    for (const table of tables) {
      scratch
        .prepare('UPDATE sqlite_schema SET rootpage = ? WHERE name = ?')
        .run(table.rootPage, table.name)
    }
    const image = scratch.serialize()
    if (image.length < pageSize || image[100] !== 0x0d) return false
    const page = Buffer.from(image.subarray(0, pageSize))
    freshHeader(pageSize).copy(page, 0)
    writeAt(file, page, 0)
    return true
  } finally {
    scratch.close()
  }
}

/**
 * `CREATE TABLE name (columns)` with the column names of `sql` and only what reading needs: the
 * INTEGER PRIMARY KEY that makes a column the rowid. Constraints and types are left out.
 */
function minimalCreate(name: string, sql: string): string {
  const probe = new Database(':memory:')
  try {
    probe.exec(sql)
    const columns = probe
      .prepare(`SELECT name, type, pk FROM pragma_table_info(?)`)
      .all(name) as Array<{
      name: string
      type: string
      pk: number
    }>
    const keys = columns.filter((column) => column.pk > 0)
    const rowidAlias =
      keys.length === 1 && keys[0]!.type.toUpperCase() === 'INTEGER' ? keys[0]!.name : null
    const list = columns
      .map((column) =>
        column.name === rowidAlias
          ? `${quote(column.name)} INTEGER PRIMARY KEY`
          : quote(column.name),
      )
      .join(', ')
    return `CREATE TABLE ${quote(name)} (${list})`
  } finally {
    probe.close()
  }
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`
