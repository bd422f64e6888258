import type { Logger } from '../../electron/main/log'

export interface LoggedLine {
  level: 'info' | 'warn' | 'error'
  message: string
  details?: Record<string, unknown>
}

/** A logger that keeps every line, so tests can assert what was (and was not) logged. */
export function createRecordingLogger(): Logger & { lines: LoggedLine[]; text(): string } {
  const lines: LoggedLine[] = []
  const record =
    (level: LoggedLine['level']) => (message: string, details?: Record<string, unknown>) => {
      lines.push({ level, message, details })
    }
  return {
    lines,
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    text: () => lines.map((line) => `${line.message} ${JSON.stringify(line.details)}`).join('\n'),
  }
}
