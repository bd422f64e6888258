/**
 * A fingerprint of everything the build is made from. The build writes it to
 * `out/build-stamp.json`; tests that run the build compare it with the sources they see, so a
 * stale `out/` fails loudly instead of testing yesterday's code.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

/** What the three bundles are built from, relative to the project root. */
export const buildInputs = [
  'electron',
  'renderer',
  'shared',
  'resources',
  'electron.vite.config.ts',
  'build/source-stamp.ts',
  'package-lock.json',
]

export const stampFile = 'out/build-stamp.json'

function filesUnder(root: string, relative: string): string[] {
  const full = path.join(root, relative)
  if (!existsSync(full)) return []
  if (!statSync(full).isDirectory()) return [relative]
  return readdirSync(full, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules' && !entry.name.startsWith('.'))
    .flatMap((entry) => filesUnder(root, path.join(relative, entry.name)))
}

/** The sha-256 of every build input's path and bytes, in a stable order. */
export function sourceStamp(root: string): string {
  const hash = createHash('sha256')
  const files = buildInputs.flatMap((input) => filesUnder(root, input)).sort()
  for (const file of files) {
    hash.update(file.split(path.sep).join('/'))
    hash.update('\0')
    hash.update(readFileSync(path.join(root, file)))
    hash.update('\0')
  }
  return hash.digest('hex')
}

/** Why `out/` does not match the sources, or null when it does. */
export function staleBuildReason(root: string): string | null {
  const stampPath = path.join(root, stampFile)
  if (!existsSync(stampPath)) return `${stampFile} is missing: run \`npm run build\` first.`
  const { sources } = JSON.parse(readFileSync(stampPath, 'utf8')) as { sources?: string }
  if (sources !== sourceStamp(root)) {
    return 'The build in out/ is older than the sources: run `npm run build` again.'
  }
  return null
}
