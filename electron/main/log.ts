/** The main process's log. Callers pass facts, never secrets: nothing here redacts for them. */
export interface Logger {
  info(message: string, details?: Record<string, unknown>): void
  warn(message: string, details?: Record<string, unknown>): void
  error(message: string, details?: Record<string, unknown>): void
}

export function createConsoleLogger(scope: string): Logger {
  const write =
    (level: 'info' | 'warn' | 'error') =>
    (message: string, details?: Record<string, unknown>): void => {
      const line = `[${new Date().toISOString()}] ${level} ${scope}: ${message}`
      if (details === undefined) console[level](line)
      else console[level](line, details)
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
