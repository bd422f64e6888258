/**
 * The SpotGo simulator: `X-Api-Key` auth, the freight endpoints with the submit rules, share links
 * in the documented form `<app host>/public/freights?token=<token>` with the public page there,
 * 100 requests a minute per key, ProblemDetails errors, and the switches for the shapes a reader
 * must tolerate (a bare-array list, `lattitude`). With `documentedExamples` the share call answers
 * the documentation's example.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { z } from 'zod'
import { createConsoleLogger } from '../../log'
import { defaultScenarioCounts } from '../data/generate'
import { findPlace } from '../data/geocode'
import { createRandom } from '../data/random'
import { utcSeconds } from '../data/time'
import { createFaultEngine } from '../http/faults'
import type { RateLimit } from '../http/rate-limit'
import {
  emptyReply,
  jsonReply,
  ReplyError,
  RouteTable,
  type Handler,
  type Reply,
  type RequestContext,
} from '../http/router'
import { startSimulatorServer } from '../http/server'
import {
  prepareSimulator,
  simulatorFaults,
  type Simulator,
  type SimulatorFaults,
  type SimulatorOptions,
} from '../http/simulator'
import { twistItems } from '../http/odd-items'
import { fieldErrors, readableErrors } from '../http/validation'
import { pageOf } from '../http/views'
import { documentedShareAnswer } from './documented-examples'
import {
  maxPageSize,
  maxShareLifetimeMs,
  ShareRequest,
  SubmitBody,
  timeSpanMs,
  type ErrorViewModel,
  type Freight,
  type ProblemDetails,
} from './shapes'
import { sharePage } from './share-page'
import { createSpotGoState, type SpotGoState } from './state'

/** SpotGo's switches for shapes a client must read: a bare-array list, `lattitude`. */
export const SpotGoShapeSwitches = z.object({
  /** Answer the list as a bare array instead of `{items, totalCount, page, pageSize}`. */
  listAsBareArray: z.boolean(),
  /** Spell `coordinates.latitude` as the doc example's `lattitude`. */
  lattitude: z.boolean(),
})
export type SpotGoShapeSwitches = z.infer<typeof SpotGoShapeSwitches>

export interface SpotGoSimulatorOptions extends SimulatorOptions {
  /** Freights to generate when no scenario is given. */
  freights?: number
  /** API keys of the account (default: two random keys). */
  apiKeys?: string[]
  /** Per API key (default 100 a minute). */
  rateLimit?: RateLimit
  /** Start out answering the share call with the documentation's example (also a fault switch). */
  documentedExamples?: boolean
}

export interface SpotGoCredentials {
  /** The first of `apiKeys`. */
  apiKey: string
  apiKeys: string[]
  /** The account's user: owner of its freights and of its share links. */
  ownerEmail: string
}

export type SpotGoSimulator = Simulator<
  SpotGoCredentials,
  SpotGoState,
  SimulatorFaults<SpotGoShapeSwitches>
>

const json = 'application/json; charset=utf-8; x-api-version=1.0'
const problemJson = 'application/problem+json; charset=utf-8'
const problemTypes: Record<number, [type: string, title: string]> = {
  400: ['https://tools.ietf.org/html/rfc9110#section-15.5.1', 'Bad Request'],
  401: ['https://tools.ietf.org/html/rfc9110#section-15.5.2', 'Unauthorized'],
  404: ['https://tools.ietf.org/html/rfc9110#section-15.5.5', 'Not Found'],
  405: ['https://tools.ietf.org/html/rfc9110#section-15.5.6', 'Method Not Allowed'],
  409: ['https://tools.ietf.org/html/rfc9110#section-15.5.10', 'Conflict'],
  413: ['https://tools.ietf.org/html/rfc9110#section-15.5.14', 'Content Too Large'],
  429: ['https://tools.ietf.org/html/rfc6585#section-4', 'Too Many Requests'],
}
const requiredMessage = 'This field is required.'

/** Starts the SpotGo simulator on 127.0.0.1. */
export async function startSpotGoSimulator(
  options: SpotGoSimulatorOptions = {},
): Promise<SpotGoSimulator> {
  const { clock, seed, scenario } = prepareSimulator(options, {
    spotgoFreights: options.freights ?? defaultScenarioCounts.spotgoFreights,
    transeuFreights: 0,
    documents: 0,
  })
  const apiKeys = options.apiKeys ?? [randomKey(), randomKey()]
  const credentials: SpotGoCredentials = {
    apiKey: apiKeys[0] ?? '',
    apiKeys,
    ownerEmail: scenario.spotgo.ownerEmail,
  }
  if (apiKeys.length === 0 || apiKeys.some((key) => key.length < 8)) {
    throw new Error('The SpotGo simulator needs at least one API key of 8 or more characters.')
  }
  const rateLimit = options.rateLimit ?? { limit: 100, windowMs: 60_000 }
  const faults = createFaultEngine<SpotGoShapeSwitches>({
    seed,
    defaults: { documentedExamples: options.documentedExamples ?? false },
    extra: { schema: SpotGoShapeSwitches, defaults: { listAsBareArray: false, lattitude: false } },
  })
  const state = createSpotGoState({
    freights: scenario.spotgo.freights,
    ownerEmail: scenario.spotgo.ownerEmail,
    clock,
    random: createRandom(seed).fork('spotgo-inserts'),
  })

  /** The status now: an active freight whose loading window is over has expired. */
  const statusNow = (freight: Freight): Freight['status'] => {
    const loadingEnd = freight.locations[0]?.period.endDate
    const over = loadingEnd !== undefined && Date.parse(loadingEnd) < clock.now()
    return freight.status === 'Active' && over ? 'Expired' : freight.status
  }
  /** A freight as the API shows it now. */
  const present = (freight: Freight): Freight => {
    const shown = { ...freight, status: statusNow(freight) }
    return faults.settings.lattitude ? spellLattitude(shown) : shown
  }
  const ok = (status: number, body: unknown): Reply =>
    jsonReply(status, body, { 'content-type': json })
  const authed =
    (handler: Handler): Handler =>
    (context) => {
      const key = context.header('x-api-key')
      if (!key) throw new ReplyError(problem(401, 'Send your API key in the X-Api-Key header.'))
      if (!apiKeys.includes(key)) throw new ReplyError(problem(401, 'The API key is not valid.'))
      const version = context.header('x-api-version')
      if (version !== undefined && !/^1(\.0)?$/.test(version)) {
        throw new ReplyError(
          problem(400, `The API version "${version}" is not supported; use 1.0.`, {
            title: 'Unsupported API version',
          }),
        )
      }
      return handler(context)
    }

  const readSubmit = async (context: RequestContext): Promise<SubmitBody> => {
    const parsed = SubmitBody.safeParse(await context.json(), {
      error: readableErrors(requiredMessage),
    })
    if (!parsed.success)
      throw new ReplyError(validationProblem(fieldErrors(parsed.error.issues, 'brackets')))
    const errors: Record<string, string[]> = {}
    const locations = parsed.data.locations.map((location, index) => {
      const coordinates = location.address.coordinates
      if (coordinates) {
        const latitude = 'latitude' in coordinates ? coordinates.latitude : coordinates.lattitude
        return {
          ...location,
          address: {
            ...location.address,
            coordinates: { latitude, longitude: coordinates.longitude },
          },
        }
      }
      const { countryCode, postalCode, city } = location.address
      const found = findPlace(countryCode, postalCode, city)
      if (!found) {
        errors[`locations[${index}].address.postalCode`] = [
          `No place with postal code ${postalCode} in ${countryCode} was found; send coordinates.`,
        ]
        return location
      }
      return {
        ...location,
        address: {
          ...location.address,
          coordinates: { latitude: found.latitude, longitude: found.longitude },
        },
      }
    })
    if (Object.keys(errors).length > 0) throw new ReplyError(validationProblem(errors))
    // Kept as SpotGo shows freights: exchange ids as text, coordinates spelled `latitude`.
    return { ...parsed.data, sources: parsed.data.sources.map(String), locations }
  }

  const routes = new RouteTable()
    .get(
      '/api/v1/freights',
      authed((context) => {
        const page = positiveInt(context.query.get('page'), 1, 'page')
        const pageSize = positiveInt(context.query.get('pageSize'), 20, 'pageSize')
        if (pageSize > maxPageSize) {
          throw new ReplyError(
            validationProblem({ pageSize: [`The page size may be at most ${maxPageSize}.`] }),
          )
        }
        if (page > 1 && faults.settings.insertWhilePaging > 0) {
          state.insertFreights(faults.settings.insertWhilePaging)
        }
        const all = state.ordered()
        const items = twistItems(
          pageOf(all, page, pageSize).map(present),
          faults.settings,
          itemTwists,
        )
        const body = faults.settings.listAsBareArray
          ? items
          : { items, totalCount: all.length, page, pageSize }
        return ok(200, body)
      }),
    )
    .post(
      '/api/v1/freights',
      authed(async (context) => {
        const submit = await readSubmit(context)
        const now = utcSeconds(clock.now())
        const freight: Freight = {
          ...submit,
          id: randomUUID(),
          status: 'Active',
          createdAt: now,
          updatedAt: now,
        }
        state.put(freight)
        return ok(200, present(freight))
      }),
    )
    .post(
      '/api/v1/freights/share',
      authed(async (context) => {
        const parsed = ShareRequest.safeParse(await context.json(), {
          error: readableErrors(requiredMessage),
        })
        if (!parsed.success) {
          throw new ReplyError(validationProblem(fieldErrors(parsed.error.issues, 'brackets')))
        }
        const request = parsed.data
        const errors: Record<string, string[]> = {}
        const lifetime = timeSpanMs(request.urlExpirationTime) ?? 0
        if (lifetime <= 0) errors.urlExpirationTime = ['The link must live longer than zero.']
        if (lifetime > maxShareLifetimeMs) {
          errors.urlExpirationTime = ['A link may live at most 30 days (30.00:00:00).']
        }
        if (faults.settings.documentedExamples && Object.keys(errors).length === 0) {
          return ok(200, documentedShareAnswer)
        }
        request.freightIds.forEach((id, index) => {
          if (!state.freights.has(id))
            errors[`freightIds[${index}]`] = [`No freight with id ${id}.`]
        })
        if (Object.keys(errors).length > 0) throw new ReplyError(validationProblem(errors))
        const now = clock.now()
        const token = shareToken(now, now + lifetime)
        state.addShare({
          token,
          freightIds: [...new Set(request.freightIds)],
          ownerEmail: request.ownerEmail,
          createdAt: now,
          validUntil: now + lifetime,
        })
        // doc: the link is on SpotGo's app host (here the simulator's own), the token URL-encoded.
        return ok(200, {
          url: `${context.baseUrl}/public/freights?token=${encodeURIComponent(token)}`,
          validUntil: new Date(now + lifetime).toISOString(),
        })
      }),
    )
    .get(
      '/api/v1/freights/:id',
      authed((context) => ok(200, present(existing(state, context.params.id)))),
    )
    .put(
      '/api/v1/freights/:id',
      authed(async (context) => {
        const current = existing(state, context.params.id)
        const submit = await readSubmit(context)
        const status = statusNow(current)
        if (status !== 'Active') {
          throw new ReplyError(
            problem(409, `Only active freights can be changed; this one is ${status}.`),
          )
        }
        const freight: Freight = {
          ...submit,
          id: current.id,
          status: current.status,
          createdAt: current.createdAt,
          updatedAt: utcSeconds(clock.now()),
        }
        state.put(freight)
        return ok(200, present(freight))
      }),
    )
    .delete(
      '/api/v1/freights/:id',
      authed((context) => {
        existing(state, context.params.id)
        state.remove(context.params.id ?? '')
        return emptyReply(204)
      }),
    )
    .get('/public/freights', (context) =>
      sharePage(state.shares.get(context.query.get('token') ?? ''), clock.now(), (id) =>
        state.freights.get(id),
      ),
    )

  const server = await startSimulatorServer({
    name: 'spotgo',
    routes,
    port: options.port,
    clock,
    faults,
    rateLimitFor: (context) => {
      const key = context.header('x-api-key')
      if (!context.path.startsWith('/api/') || !key || !apiKeys.includes(key)) return undefined
      return { bucket: `key:${key}`, rule: rateLimit }
    },
    renderError: (status, message) =>
      status >= 500 ? serverError(status, message) : problem(status, message),
    log: options.log ?? createConsoleLogger('sandbox:spotgo'),
  })

  return {
    baseUrl: server.baseUrl,
    port: server.port,
    credentials,
    faults: simulatorFaults(faults, server, {}),
    clock,
    state,
    control: server.control,
    stop: () => server.stop(),
  }
}

function existing(state: SpotGoState, id: string | undefined): Freight {
  const freight = state.freights.get(id ?? '')
  if (!freight) throw new ReplyError(problem(404, `No freight with id ${id ?? ''}.`))
  return freight
}

function positiveInt(text: string | null, fallback: number, field: string): number {
  if (text === null) return fallback
  const value = Number(text)
  if (!/^\d+$/.test(text) || value < 1) {
    throw new ReplyError(
      validationProblem({ [field]: [`The value "${text}" is not valid for ${field}.`] }),
    )
  }
  return value
}

function problem(status: number, detail: string, extra: Partial<ProblemDetails> = {}): Reply {
  const [type, title] = problemTypes[status] ?? ['about:blank', 'Error']
  const body: ProblemDetails = { type, title, status, detail, traceId: randomTraceId(), ...extra }
  return jsonReply(status, body, { 'content-type': problemJson })
}

function validationProblem(errors: Record<string, string[]>): Reply {
  return problem(400, 'See errors for what to correct.', {
    title: 'One or more validation errors occurred.',
    errors,
  })
}

/** 5xx answers come as SpotGo's ErrorViewModel, so clients meet both error bodies. */
function serverError(status: number, message: string): Reply {
  const body: ErrorViewModel = { message, errors: [] }
  return jsonReply(status, body, { 'content-type': json })
}

function spellLattitude(freight: Freight): Freight {
  return {
    ...freight,
    locations: freight.locations.map((location) => {
      const coordinates = location.address.coordinates
      if (!coordinates || !('latitude' in coordinates)) return location
      return {
        ...location,
        address: {
          ...location.address,
          coordinates: { lattitude: coordinates.latitude, longitude: coordinates.longitude },
        },
      }
    }),
  }
}

function randomKey(): string {
  return `sg_${randomBytes(24).toString('base64url')}`
}

function randomTraceId(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`
}

/**
 * A share token in the documented form: base64 of `<share id>.<created>.<valid until>` (times as
 * "08/18/2025 08:43:11 +00:00"), a dot, and a base64 signature.
 */
function shareToken(createdAt: number, validUntil: number): string {
  const stamp = (instant: number) => {
    const iso = new Date(instant).toISOString()
    return `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)} ${iso.slice(11, 19)} +00:00`
  }
  const payload = `${randomUUID()}.${stamp(createdAt)}.${stamp(validUntil)}`
  return `${Buffer.from(payload).toString('base64')}.${randomBytes(16).toString('base64')}`
}

/** How the faults bend and break list items (`oddItemRate`, `unreadableItemRate`). */
const itemTwists = {
  keyOf: (item: Freight) => item.id,
  odd: (item: Freight, variant: number): unknown =>
    variant < 0.5
      ? // A trailer type the mapping page does not name, and a key SpotGo does not document.
        {
          ...item,
          requirements: {
            ...item.requirements,
            trailerTypes: [...item.requirements.trailerTypes, 99],
          },
          driverPhone: '+48 601 234 567',
        }
      : // A price sent as text.
        {
          ...item,
          payment: item.payment ? { ...item.payment, from: String(item.payment.from) } : null,
        },
  unreadable: (item: Freight): unknown => ({ ...item, id: null }),
}
