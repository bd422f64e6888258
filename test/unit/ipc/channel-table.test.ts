/**
 * ARCHITECTURE.md's table of channels, handlers and services is generated from the code: every
 * contract channel, the service call its handler makes (electron/main/ipc/handlers.ts), and the
 * file that builds that service (electron/main/core.ts). The test fails when the document and
 * the code disagree; `npm run docs:channels` writes the table again.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { channelNames } from '@shared/contract'

const root = path.resolve(__dirname, '../../..')
const read = (file: string) => readFileSync(path.join(root, file), 'utf8')
const start = '<!-- channel-table:start (npm run docs:channels writes it) -->'
const end = '<!-- channel-table:end -->'

/** Where each service of `Services` is built: the file its factory is imported from. */
function serviceFiles(): Map<string, string> {
  const core = read('electron/main/core.ts')
  const imports = new Map<string, string>()
  for (const match of core.matchAll(/import\s*\{([^}]*)\}\s*from\s*'\.\/([^']+)'/g)) {
    for (const name of match[1]!.split(',').map((part) => part.trim().replace(/^type\s+/, ''))) {
      imports.set(name, match[2]!)
    }
  }
  const files = new Map<string, string>()
  for (const match of core.matchAll(/(?:const (\w+) =|^\s+(\w+):) (create\w+)\(/gm)) {
    const key = match[1] ?? match[2]!
    const from = imports.get(match[3]!)
    if (from) files.set(key, `electron/main/${from}`)
  }
  return files
}

function channelTable(): string {
  const handlers = read('electron/main/ipc/handlers.ts')
  const files = serviceFiles()
  const rows = channelNames.map((channel) => {
    // The handler's service call, on its own line or on the next (where Prettier wrapped it).
    const line = new RegExp(
      `'${channel.replace(/\./g, '\\.')}':(?:[^\\n]*?services\\.([\\w.]+)\\(|[^\\n]*\\n[^\\n]*?services\\.([\\w.]+)\\()`,
    )
    const found = line.exec(handlers)
    const call = found?.[1] ?? found?.[2]
    if (!call) throw new Error(`no handler calls a service for ${channel}`)
    const service = call.split('.')[0]!
    const file = files.get(service)
    if (!file) throw new Error(`core.ts does not say where the ${service} service is built`)
    return `| \`${channel}\` | \`${call}\` | \`${file}\` |`
  })
  return [
    start,
    '',
    '| channel | handler calls | service built in |',
    '| --- | --- | --- |',
    ...rows,
    '',
    end,
  ].join('\n')
}

/** The table as text, whatever padding Prettier gave its cells. */
const normalized = (table: string) =>
  table
    .replace(/[ \t]*\|[ \t]*/g, '|')
    .replace(/-{3,}/g, '---')
    .trim()

it('ARCHITECTURE.md lists every channel with the service call that answers it', () => {
  const file = path.join(root, 'ARCHITECTURE.md')
  const text = readFileSync(file, 'utf8')
  const from = text.indexOf(start)
  const to = text.indexOf(end)
  expect(from, 'ARCHITECTURE.md has the table markers').toBeGreaterThanOrEqual(0)
  const current = text.slice(from, to + end.length)
  const expected = channelTable()
  if (process.env.FREIGHTDESK_WRITE_DOCS === '1' && normalized(current) !== normalized(expected)) {
    writeFileSync(file, text.replace(current, expected))
    return
  }
  expect(normalized(current), 'run `npm run docs:channels` after changing a channel').toBe(
    normalized(expected),
  )
})
