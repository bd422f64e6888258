/**
 * Switchable faults of one simulator: added latency, a share of 5xx answers, 429 bursts, connection
 * resets mid-body, malformed JSON, items inserted while a client pages, and list items sent in a
 * form the documentation does not describe. Every probabilistic fault has an exact form
 * (`failNext`), and the probabilistic ones draw from a seeded source, so a run with the same seed
 * fails the same requests. Beside the faults, one switch: serving the documentation's literal
 * example answers.
 */
import { z } from 'zod'
import { createRandom } from '../data/random'

/** Faults that replace or damage one answer. */
export const faultKinds = ['server_error', 'rate_limited', 'reset', 'malformed'] as const
export const FaultKind = z.enum(faultKinds)
export type FaultKind = z.infer<typeof FaultKind>

const Share = z.number().min(0).max(1)

/** The settings every simulator has. */
export const FaultSettings = z.object({
  /** Added before every answer. */
  latencyMs: z.number().int().min(0).max(60_000),
  /** Share of requests answered with 500, 502 or 503. */
  serverErrorRate: Share,
  /** Share of requests that start a burst of 429 answers. */
  rateLimitBurstRate: Share,
  /** How many answers in a row one burst refuses. */
  rateLimitBurstLength: z.number().int().min(1).max(1000),
  /** `Retry-After` of the 429s a burst (or `failNext`) sends. */
  retryAfterSeconds: z.number().int().min(0).max(3600),
  /** Share of requests whose connection is cut halfway through the body. */
  resetRate: Share,
  /** Share of requests whose body is cut short into broken JSON. */
  malformedRate: Share,
  /** Items inserted at the top of a list before each page after the first is served. */
  insertWhilePaging: z.number().int().min(0).max(1000),
  /**
   * Share of list items sent with something the documentation does not describe (an unknown
   * enumeration value, a number as text, an undocumented key): readable, but only in part. The
   * same items every time (decided by each item's id).
   */
  oddItemRate: Share,
  /** Share of list items sent without a usable id (the same items every time). */
  unreadableItemRate: Share,
  /** Answer with the documentation's literal example answers where it has them. */
  documentedExamples: z.boolean(),
})
export type FaultSettings = z.infer<typeof FaultSettings>

export const defaultFaultSettings: FaultSettings = {
  latencyMs: 0,
  serverErrorRate: 0,
  rateLimitBurstRate: 0,
  rateLimitBurstLength: 3,
  retryAfterSeconds: 1,
  resetRate: 0,
  malformedRate: 0,
  insertWhilePaging: 0,
  oddItemRate: 0,
  unreadableItemRate: 0,
  documentedExamples: false,
}

/** What tests and the control endpoint use to switch one simulator's faults. */
export interface Faults<Extra extends object = object> {
  readonly settings: Readonly<FaultSettings & Extra>
  /** Changes the named settings; the rest stay. */
  set(settings: Partial<FaultSettings & Extra>): void
  /** Back to no faults: default settings, nothing queued. */
  reset(): void
  /** The next `count` requests get this fault, whatever the rates say. */
  failNext(count: number, kind: FaultKind): void
}

/** The server's side of the faults: which fault the request now arriving gets. */
export interface FaultEngine<Extra extends object = object> extends Faults<Extra> {
  draw(): FaultKind | undefined
  /** 500, 502 or 503, from the seeded source. */
  serverErrorStatus(): number
  /** Validates a partial settings object sent to the control endpoint. */
  readonly settingsPatch: z.ZodType<Partial<FaultSettings & Extra>>
}

export interface FaultEngineOptions<Extra extends object> {
  seed?: number
  /** Settings to start from (and to go back to on `reset`) instead of the defaults. */
  defaults?: Partial<FaultSettings>
  /** Provider-specific switches (e.g. SpotGo's bare-array list) and their defaults. */
  extra?: { schema: z.ZodObject; defaults: Extra }
}

export function createFaultEngine<Extra extends object = object>(
  options: FaultEngineOptions<Extra> = {},
): FaultEngine<Extra> {
  const random = createRandom(options.seed ?? 1)
  const defaults = {
    ...defaultFaultSettings,
    ...options.defaults,
    ...options.extra?.defaults,
  } as FaultSettings & Extra
  let settings = { ...defaults }
  const queue: { kind: FaultKind; remaining: number }[] = []
  let burstRemaining = 0
  const patchSchema = (options.extra
    ? FaultSettings.extend(options.extra.schema.shape)
    : FaultSettings
  )
    .partial()
    .strict() as unknown as z.ZodType<Partial<FaultSettings & Extra>>

  return {
    get settings() {
      return settings
    },
    settingsPatch: patchSchema,
    set(patch) {
      settings = { ...settings, ...patchSchema.parse(patch) }
    },
    reset() {
      settings = { ...defaults }
      queue.length = 0
      burstRemaining = 0
    },
    failNext(count, kind) {
      if (!Number.isInteger(count) || count < 1)
        throw new Error('failNext needs a count of 1 or more')
      queue.push({ kind: FaultKind.parse(kind), remaining: count })
    },
    draw() {
      const queued = queue[0]
      if (queued) {
        if (--queued.remaining === 0) queue.shift()
        return queued.kind
      }
      if (burstRemaining > 0) {
        burstRemaining--
        return 'rate_limited'
      }
      if (settings.serverErrorRate > 0 && random.chance(settings.serverErrorRate)) {
        return 'server_error'
      }
      if (settings.rateLimitBurstRate > 0 && random.chance(settings.rateLimitBurstRate)) {
        burstRemaining = settings.rateLimitBurstLength - 1
        return 'rate_limited'
      }
      if (settings.resetRate > 0 && random.chance(settings.resetRate)) return 'reset'
      if (settings.malformedRate > 0 && random.chance(settings.malformedRate)) return 'malformed'
      return undefined
    },
    serverErrorStatus: () => random.pick([500, 502, 503]),
  }
}
