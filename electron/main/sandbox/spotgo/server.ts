/**
 * The SpotGo simulator: `X-Api-Key` auth, the freight endpoints with the submit rules, share links
 * with a public page, 100 requests a minute per key, ProblemDetails errors, and the switches for
 * the shapes a reader must tolerate (a bare-array list, `lattitude`).
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { z } from 'zod'
import { createConsoleLogger } from '../../log'
import {
  parseTimeSpan,
  SpotGoFreight,
  SpotGoFreightList,
  SpotGoFreightSubmit,
  SpotGoShareRequest,
  SpotGoShareResponse,
  spotGoMaxPageSize,
  spotGoMaxShareLifetimeMs,
  type ErrorViewModel,
  type ProblemDetails,
} from '../../providers/spotgo/wire'
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
import { fieldErrors, readableErrors } from '../http/validation'
import { pageOf } from '../http/views'
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
    extra: { schema: SpotGoShapeSwitches, defaults: { listAsBareArray: false, lattitude: false } },
  })
  const state = createSpotGoState({
    freights: scenario.spotgo.freights,
    ownerEmail: scenario.spotgo.ownerEmail,
    clock,
    random: createRandom(seed).fork('spotgo-inserts'),
  })

  /** The status now: an active freight whose loading window is over has expired. */
  const statusNow = (freight: SpotGoFreight): SpotGoFreight['status'] => {
    const loadingEnd = freight.locations[0]?.period.endDate
    const over = loadingEnd !== undefined && Date.parse(loadingEnd) < clock.now()
    return freight.status === 'Active' && over ? 'Expired' : freight.status
  }
  /** A freight as the API shows it now. */
  const present = (freight: SpotGoFreight): unknown => {
    const shown = { ...freight, status: statusNow(freight) }
    return faults.settings.lattitude ? spellLattitude(shown) : shown
  }
  const ok = (status: number, body: unknown, schema?: z.ZodType): Reply => {
    // The simulator never sends what its own wire schemas would refuse.
    if (schema) schema.parse(body)
    return jsonReply(status, body, { 'content-type': json })
  }
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

  const readSubmit = async (context: RequestContext): Promise<SpotGoFreightSubmit> => {
    const parsed = SpotGoFreightSubmit.safeParse(await context.json(), {
      error: readableErrors(requiredMessage),
    })
    if (!parsed.success)
      throw new ReplyError(validationProblem(fieldErrors(parsed.error.issues, 'brackets')))
    const errors: Record<string, string[]> = {}
    const locations = parsed.data.locations.map((location, index) => {
      if (location.address.coordinates) return location
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
    return { ...parsed.data, locations }
  }

  const routes = new RouteTable()
    .get(
      '/api/v1/freights',
      authed((context) => {
        const page = positiveInt(context.query.get('page'), 1, 'page')
        const pageSize = positiveInt(context.query.get('pageSize'), 20, 'pageSize')
        if (pageSize > spotGoMaxPageSize) {
          throw new ReplyError(
            validationProblem({ pageSize: [`The page size may be at most ${spotGoMaxPageSize}.`] }),
          )
        }
        if (page > 1 && faults.settings.insertWhilePaging > 0) {
          state.insertFreights(faults.settings.insertWhilePaging)
        }
        const all = state.ordered()
        const items = pageOf(all, page, pageSize).map(present)
        const body = faults.settings.listAsBareArray
          ? items
          : { items, totalCount: all.length, page, pageSize }
        return ok(200, body, SpotGoFreightList)
      }),
    )
    .post(
      '/api/v1/freights',
      authed(async (context) => {
        const submit = await readSubmit(context)
        const now = utcSeconds(clock.now())
        const freight: SpotGoFreight = {
          ...submit,
          id: randomUUID(),
          status: 'Active',
          createdAt: now,
          updatedAt: now,
        }
        state.put(freight)
        return ok(200, present(freight), SpotGoFreight)
      }),
    )
    .post(
      '/api/v1/freights/share',
      authed(async (context) => {
        const parsed = SpotGoShareRequest.safeParse(await context.json(), {
          error: readableErrors(requiredMessage),
        })
        if (!parsed.success) {
          throw new ReplyError(validationProblem(fieldErrors(parsed.error.issues, 'brackets')))
        }
        const request = parsed.data
        const errors: Record<string, string[]> = {}
        const lifetime = parseTimeSpan(request.urlExpirationTime) ?? 0
        if (lifetime <= 0) errors.urlExpirationTime = ['The link must live longer than zero.']
        if (lifetime > spotGoMaxShareLifetimeMs) {
          errors.urlExpirationTime = ['A link may live at most 30 days (30.00:00:00).']
        }
        request.freightIds.forEach((id, index) => {
          if (!state.freights.has(id))
            errors[`freightIds[${index}]`] = [`No freight with id ${id}.`]
        })
        if (Object.keys(errors).length > 0) throw new ReplyError(validationProblem(errors))
        const now = clock.now()
        const token = randomBytes(18).toString('base64url')
        state.addShare({
          token,
          freightIds: [...new Set(request.freightIds)],
          ownerEmail: request.ownerEmail,
          createdAt: now,
          validUntil: now + lifetime,
        })
        return ok(
          200,
          { url: `${context.baseUrl}/shared/${token}`, validUntil: utcSeconds(now + lifetime) },
          SpotGoShareResponse,
        )
      }),
    )
    .get(
      '/api/v1/freights/:id',
      authed((context) => ok(200, present(existing(state, context.params.id)), SpotGoFreight)),
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
        const freight: SpotGoFreight = {
          ...submit,
          id: current.id,
          status: current.status,
          createdAt: current.createdAt,
          updatedAt: utcSeconds(clock.now()),
        }
        state.put(freight)
        return ok(200, present(freight), SpotGoFreight)
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
    .get('/shared/:token', (context) =>
      sharePage(state.shares.get(context.params.token ?? ''), clock.now(), (id) =>
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

function existing(state: SpotGoState, id: string | undefined): SpotGoFreight {
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

function spellLattitude(freight: SpotGoFreight): unknown {
  return {
    ...freight,
    locations: freight.locations.map((location) => {
      const coordinates = location.address.coordinates
      if (!coordinates) return location
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
