/** The main process's log. Callers pass facts, never secrets: nothing here redacts for them. */
export interface Logger {
  info(message: string, details?: Record<string, unknown>): void
  warn(message: string, details?: Record<string, unknown>): void
  error(message: string, details?: Record<string, unknown>): void
}

/**
 * Lines on the console, each with its time, level and scope. `stderrOnly` keeps standard output
 * free for a program's own output (the web host's JSON line for test harnesses).
 */
export function createConsoleLogger(scope: string, options: { stderrOnly?: boolean } = {}): Logger {
  const write =
    (level: 'info' | 'warn' | 'error') =>
    (message: string, details?: Record<string, unknown>): void => {
      const line = `[${new Date().toISOString()}] ${level} ${scope}: ${message}`
      const print = (...args: unknown[]) =>
        options.stderrOnly ? console.error(...args) : console[level](...args)
      if (details === undefined) print(line)
      else print(line, details)
    }
  return { info: write('info'), warn: write('warn'), error: write('error') }
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} }

/** What to log about a thrown value: its name, message and stack, and the same for its cause. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { thrown: String(error) }
  const described: Record<string, unknown> = {
    name: error.name,
    message: error.message,
    stack: error.stack,
  }
  if (error.cause !== undefined) described.cause = describeError(error.cause)
  return described
}
