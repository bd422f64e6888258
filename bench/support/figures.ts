import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'

/** One measured figure: `target` is a readable goal such as "<= 2" or "< 25"; it is reported, never enforced. */
export interface Figure {
  value: number
  unit: string
  target?: string
}

const scratchFile = path.resolve(import.meta.dirname, '../.figures.ndjson')

/** Records a figure under a dotted name (`<group>.<figure>`); the run prints them all at the end. */
export function recordFigure(name: string, figure: Figure): void {
  appendFileSync(scratchFile, `${JSON.stringify({ name, ...figure })}\n`)
}

export function clearFigures(): void {
  rmSync(scratchFile, { force: true })
}

export function readFigures(): Record<string, Figure> {
  if (!existsSync(scratchFile)) return {}
  const figures: Record<string, Figure> = {}
  for (const line of readFileSync(scratchFile, 'utf8').split('\n')) {
    if (!line) continue
    const { name, ...figure } = JSON.parse(line) as Figure & { name: string }
    figures[name] = figure
  }
  return figures
}

/** Whether `value` meets a target written as "<= 2", "< 25", ">= 0.8" or "> 1". */
export function meetsTarget(value: number, target: string): boolean | null {
  const match = /^\s*(<=|<|>=|>)\s*(-?[\d.]+)\s*$/.exec(target)
  if (!match) return null
  const bound = Number(match[2])
  switch (match[1]) {
    case '<=':
      return value <= bound
    case '<':
      return value < bound
    case '>=':
      return value >= bound
    default:
      return value > bound
  }
}

/** Median and 95th percentile (nearest rank) of a list of samples. */
export function percentiles(samples: readonly number[]): { p50: number; p95: number } {
  if (samples.length === 0) throw new Error('no samples')
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!
  return { p50: rank(0.5), p95: rank(0.95) }
}
