import { writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { clearFigures, meetsTarget, readFigures } from './figures'

const resultsFile = path.resolve(import.meta.dirname, '../results.json')

export function setup(): void {
  clearFigures()
}

/** Prints every figure of the run as a table and writes bench/results.json. */
export function teardown(): void {
  const figures = readFigures()
  clearFigures()
  const names = Object.keys(figures).sort()
  if (names.length === 0) return
  writeFileSync(resultsFile, `${JSON.stringify(figures, null, 2)}\n`)
  const rows = names.map((name) => {
    const { value, unit, target } = figures[name]!
    const met = target === undefined ? null : meetsTarget(value, target)
    return [name, formatValue(value), unit, target ?? '', met === null ? '' : met ? 'yes' : 'NO']
  })
  const header = ['figure', 'value', 'unit', 'target', 'met']
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => row[i]!.length)),
  )
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 1 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
  console.log(
    `\nFreightdesk benchmarks, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} x ${cpu}, Node ${process.versions.node}\n`,
  )
  console.log(line(header))
  console.log(widths.map((width) => '-'.repeat(width)).join('  '))
  for (const row of rows) console.log(line(row))
  console.log(`\nwritten to ${path.relative(process.cwd(), resultsFile)}\n`)
}

function formatValue(value: number): string {
  if (Number.isInteger(value)) return String(value)
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2)
}
