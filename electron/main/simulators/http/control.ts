/**
 * The control endpoint of a simulator: `POST /__control/<action>` with the header
 * `X-Control-Token`, so a test in another process (a Playwright test driving the web host) can
 * switch faults, move the clock, or take the simulator offline and back. It answers on the
 * simulator's own port and on a separate control port that stays up while the simulator is offline.
 */
import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { z } from 'zod'
import type { Clock } from './clock'
import { FaultKind, type FaultEngine } from './faults'
import { jsonReply, readRequestBody, type Reply } from './router'

/** Where and how to reach a simulator's control endpoint. */
export interface ControlAccess {
  /** Origin of the control port (always up while the simulator runs). */
  url: string
  /** Sent as `X-Control-Token`. */
  token: string
}

export const controlPathPrefix = '/__control/'

const FailNext = z.object({ count: z.number().int().min(1).max(10_000), kind: FaultKind })
const ClockChange = z
  .object({
    advanceMs: z.number().int().optional(),
    set: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()

export interface ControlTarget {
  token: string
  faults: FaultEngine
  clock: Clock
  goOffline(): Promise<void>
  goOnline(): Promise<void>
  /** Provider-specific actions, e.g. `expire-tokens`. */
  actions: Record<string, () => unknown>
}

/**
 * Answers one control request. `offline` is returned as a separate step because the request may
 * have arrived on the very port it takes down: the caller replies first, then goes offline.
 */
export async function handleControl(
  target: ControlTarget,
  request: IncomingMessage,
  pathname: string,
): Promise<{ reply: Reply; thenGoOffline?: boolean }> {
  if (!hasToken(request, target.token)) {
    return { reply: jsonReply(403, { error: 'Missing or wrong X-Control-Token.' }) }
  }
  const action = pathname.slice(controlPathPrefix.length)
  if (request.method === 'GET' && action === 'faults') {
    return { reply: jsonReply(200, { settings: target.faults.settings }) }
  }
  if (request.method !== 'POST') return { reply: jsonReply(405, { error: 'POST only.' }) }
  let body: unknown
  try {
    const text = (await readRequestBody(request, 64 * 1024)).toString('utf8')
    body = text.trim() === '' ? undefined : (JSON.parse(text) as unknown)
  } catch {
    return { reply: jsonReply(400, { error: 'The body must be JSON.' }) }
  }
  const invalid = (error: z.ZodError) =>
    ({
      reply: jsonReply(400, { error: 'Invalid control request.', issues: error.issues }),
    }) as const
  switch (action) {
    case 'faults': {
      const patch = target.faults.settingsPatch.safeParse(body ?? {})
      if (!patch.success) return invalid(patch.error)
      target.faults.set(patch.data)
      return { reply: jsonReply(200, { settings: target.faults.settings }) }
    }
    case 'faults/reset':
      target.faults.reset()
      return { reply: jsonReply(200, { settings: target.faults.settings }) }
    case 'fail-next': {
      const parsed = FailNext.safeParse(body)
      if (!parsed.success) return invalid(parsed.error)
      target.faults.failNext(parsed.data.count, parsed.data.kind)
      return { reply: jsonReply(200, { queued: parsed.data }) }
    }
    case 'clock': {
      const parsed = ClockChange.safeParse(body ?? {})
      if (!parsed.success) return invalid(parsed.error)
      if (parsed.data.set !== undefined) target.clock.set(parsed.data.set)
      if (parsed.data.advanceMs !== undefined) target.clock.advance(parsed.data.advanceMs)
      return { reply: jsonReply(200, { now: new Date(target.clock.now()).toISOString() }) }
    }
    case 'offline':
      return { reply: jsonReply(200, { online: false }), thenGoOffline: true }
    case 'online':
      await target.goOnline()
      return { reply: jsonReply(200, { online: true }) }
    default: {
      const run = target.actions[action]
      if (!run) return { reply: jsonReply(404, { error: `No control action "${action}".` }) }
      return { reply: jsonReply(200, (await run()) ?? {}) }
    }
  }
}

/**
 * Calls a simulator's control endpoint from anywhere (another process included), e.g.
 * `controlSimulator(access, 'faults', {latencyMs: 200})`, `controlSimulator(access, 'offline')`.
 */
export async function controlSimulator(
  access: ControlAccess,
  action: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(new URL(`${controlPathPrefix}${action}`, access.url), {
    method: 'POST',
    headers: { 'x-control-token': access.token, 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  })
  const answer: unknown = await response.json()
  if (!response.ok) {
    throw new Error(
      `Control action "${action}" failed with ${response.status}: ${JSON.stringify(answer)}`,
    )
  }
  return answer
}

function hasToken(request: IncomingMessage, token: string): boolean {
  const presented = Buffer.from(String(request.headers['x-control-token'] ?? ''))
  const expected = Buffer.from(token)
  return presented.length === expected.length && timingSafeEqual(presented, expected)
}
