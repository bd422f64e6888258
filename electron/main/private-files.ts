/**
 * Files for the dispatcher's user alone: folders 0700, files 0600, whatever the process umask.
 * Everything Freightdesk keeps (the cache and its write-ahead log, the grid state, exports while
 * they are written) is made through these. On Windows the modes mean little and the user's
 * profile folder is what protects the data; the calls are harmless there.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs'

export const privateDirMode = 0o700
export const privateFileMode = 0o600

/** Creates `dir` (and its parents) if missing and makes it 0700, also when it already existed. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: privateDirMode })
  chmodSync(dir, privateDirMode)
}

/**
 * Creates `file` empty if missing, or leaves its content alone, and makes it 0600. SQLite gives
 * a database's write-ahead log and shared-memory files the mode of the database file.
 */
export function ensurePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', privateFileMode))
  chmodSync(file, privateFileMode)
}

/** Makes each of `files` that exists 0600 (files an older build left readable by others). */
export function tightenFiles(files: readonly string[]): void {
  for (const file of files) if (existsSync(file)) chmodSync(file, privateFileMode)
}
