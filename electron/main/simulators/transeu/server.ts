/**
 * The Trans.eu simulator: it plays both the authorization server (`/oauth2/auth`) and the API
 * (`/ext/...`): OAuth, the three freight lists with their documented modifiers and 30-item pages,
 * the detail, drafts (create, overwrite, delete only in status `new`), 15 data requests a second
 * and 5 token requests a second per api-key. With `documentedExamples` the active list answers
 * the documentation's example freights.
 */
import { randomBytes } from 'node:crypto'
import { createConsoleLogger } from '../../log'
import { defaultScenarioCounts } from '../data/generate'
import { createRandom } from '../data/random'
import { transeuEmployees } from '../data/transeu-freights'
import { createFaultEngine } from '../http/faults'
import type { RateLimit } from '../http/rate-limit'
import { emptyReply, jsonReply, ReplyError, RouteTable, type Handler } from '../http/router'
import { startSimulatorServer } from '../http/server'
import {
  prepareSimulator,
  simulatorFaults,
  type Simulator,
  type SimulatorFaults,
  type SimulatorOptions,
  type TokenFaults,
} from '../http/simulator'
import { twistItems } from '../http/odd-items'
import { pageOf } from '../http/views'
import { documentedFreights } from './documented-examples'
import { draftToFreight, readDraft } from './drafts'
import { parseListQuery } from './modifiers'
import { createTranseuOAuth, type TranseuOAuthState } from './oauth'
import { apiProblem, validationProblem } from './problems'
import { listFields, pageSize, type FreightDetail, type ListFreight, type ListName } from './shapes'
import { createTranseuFreightStore, type TranseuFreightStore } from './state'

export interface TranseuSimulatorOptions extends SimulatorOptions {
  /** Freights to generate when no scenario is given. */
  freights?: number
  /** Default 21600 (6 hours). */
  accessTokenLifetimeSeconds?: number
  /** Default 30 days. */
  refreshTokenLifetimeSeconds?: number
  /** Per api-key: data calls (default 15 a second) and the token endpoint (default 5 a second). */
  rateLimits?: { data?: RateLimit; token?: RateLimit }
  /** The one registered https redirect URI (loopback URIs are always allowed). */
  httpsRedirectUri?: string
  /** Start out serving the documentation's example answers (also a switch of `faults`). */
  documentedExamples?: boolean
}

export interface TranseuCredentials {
  clientId: string
  clientSecret: string
  apiKey: string
  /** The user who signs in on the authorize page. */
  user: { login: string; password: string }
  httpsRedirectUri: string
  /** `<baseUrl>/oauth2/auth` */
  authorizeUrl: string
  /** `<baseUrl>/ext/auth-api/accounts/token` */
  tokenUrl: string
}

export interface TranseuState {
  freights: TranseuFreightStore
  oauth: TranseuOAuthState
}

export type TranseuSimulator = Simulator<
  TranseuCredentials,
  TranseuState,
  SimulatorFaults & TokenFaults
>

const listPaths: Record<ListName, string> = {
  freights: '/ext/freights-api/v1/freights',
  accepted: '/ext/freights-api/v1/accepted',
  archive: '/ext/freights-api/v1/archive',
}

/** Starts the Trans.eu simulator on 127.0.0.1. */
export async function startTranseuSimulator(
  options: TranseuSimulatorOptions = {},
): Promise<TranseuSimulator> {
  const { clock, seed, scenario } = prepareSimulator(options, {
    spotgoFreights: 0,
    transeuFreights: options.freights ?? defaultScenarioCounts.transeuFreights,
    documents: 0,
  })
  const contact = transeuEmployees[0]
  if (!contact) throw new Error('The catalog has no Trans.eu employees.')
  const credentials = {
    clientId: `freightdesk-${randomBytes(6).toString('hex')}`,
    clientSecret: randomBytes(24).toString('base64url'),
    apiKey: randomBytes(20).toString('hex'),
    user: {
      login: 'marta.zielinska@wisla-spedycja.example',
      password: randomBytes(12).toString('base64url'),
    },
    httpsRedirectUri: options.httpsRedirectUri ?? 'https://app.freightdesk.example/oauth/transeu',
  }
  const rateLimits = {
    data: options.rateLimits?.data ?? { limit: 15, windowMs: 1000 },
    token: options.rateLimits?.token ?? { limit: 5, windowMs: 1000 },
  }
  const faults = createFaultEngine({
    seed,
    defaults: { documentedExamples: options.documentedExamples ?? false },
  })
  const random = createRandom(seed).fork('transeu-runtime')
  const freights = createTranseuFreightStore({
    freights: scenario.transeu.freights,
    clock,
    random: random.fork('inserts'),
  })
  const oauth = createTranseuOAuth(
    {
      ...credentials,
      accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 21_600,
      refreshTokenLifetimeSeconds: options.refreshTokenLifetimeSeconds ?? 30 * 86_400,
    },
    clock,
  )

  const authed =
    (handler: Handler): Handler =>
    (context) => {
      oauth.authorize(context)
      return handler(context)
    }
  const existing = (idText: string | undefined): FreightDetail => {
    const freight = /^\d+$/.test(idText ?? '') ? freights.freights.get(Number(idText)) : undefined
    if (!freight) throw new ReplyError(apiProblem(404, 'Freight not found'))
    return freight
  }
  /** The documented example freight with this id, while the examples are served. */
  const example = (idText: string | undefined): ListFreight | undefined =>
    faults.settings.documentedExamples
      ? documentedFreights.find((freight) => String(freight.id) === idText)
      : undefined
  const readValidDraft = async (context: Parameters<Handler>[0]) => {
    const result = readDraft(await context.json())
    if (!result.ok) throw new ReplyError(validationProblem(result.messages.messages))
    return result
  }

  const routes = new RouteTable()
  oauth.addRoutes(routes)
  for (const [name, path] of Object.entries(listPaths) as [ListName, string][]) {
    routes.get(
      path,
      authed((context) => {
        const parsed = parseListQuery(name, context.query)
        if (!parsed.ok) throw new ReplyError(validationProblem(parsed.messages.messages))
        const query = parsed.query
        const fields = query.fields ?? listFields
        if (faults.settings.documentedExamples) {
          // The documentation's example answer is of the active list; it fits on page 1.
          const examples = name === 'freights' ? documentedFreights : []
          return jsonReply(
            200,
            pageOf(examples, query.page, pageSize).map((freight) => select(freight, fields)),
          )
        }
        if (query.page > 1 && faults.settings.insertWhilePaging > 0) {
          freights.insertFreights(name, faults.settings.insertWhilePaging)
        }
        const items = pageOf(freights.list(name, query), query.page, pageSize).map((freight) =>
          select(listItem(freight, name), fields),
        )
        return jsonReply(200, twistItems(items, faults.settings, itemTwists))
      }),
    )
  }
  routes
    .get(
      '/ext/freights-api/v1/freights/:id',
      authed((context) =>
        jsonReply(200, example(context.params.id) ?? existing(context.params.id)),
      ),
    )
    .post(
      '/ext/freights-api/v1/freights',
      authed(async (context) => {
        const { draft, spots } = await readValidDraft(context)
        const freight = draftToFreight(random, draft, spots, {
          id: freights.nextId(),
          created: clock.now(),
          references: freights.references,
          contact,
        })
        freights.put(freight)
        return jsonReply(201, freight)
      }),
    )
    .put(
      '/ext/freights-api/v1/freights/:id',
      authed(async (context) => {
        const current = existing(context.params.id)
        if (current.status !== 'new' || current.publication !== null) {
          throw new ReplyError(
            apiProblem(
              403,
              `Freight ${current.id} has status "${current.status}" and was published; only a never-published freight can be overwritten.`,
            ),
          )
        }
        const { draft, spots } = await readValidDraft(context)
        const freight = draftToFreight(random, draft, spots, {
          id: current.id,
          created: clock.now(),
          references: freights.references,
          contact,
          keep: current,
        })
        freights.put(freight)
        return jsonReply(200, freight)
      }),
    )
    .delete(
      '/ext/freights-api/v1/freights/:id',
      authed((context) => {
        const freight = existing(context.params.id)
        if (freight.status !== 'new') {
          throw new ReplyError(
            apiProblem(
              403,
              `Freight ${freight.id} has status "${freight.status}"; only freights in status "new" can be deleted.`,
            ),
          )
        }
        freights.remove(freight.id)
        return emptyReply(204)
      }),
    )

  const server = await startSimulatorServer({
    name: 'transeu',
    routes,
    port: options.port,
    clock,
    faults,
    rateLimitFor: (context) => {
      if (context.header('api-key') !== credentials.apiKey) return undefined
      if (context.path === '/ext/auth-api/accounts/token') {
        return { bucket: 'token', rule: rateLimits.token }
      }
      if (context.path.startsWith('/ext/')) return { bucket: 'data', rule: rateLimits.data }
      return undefined
    },
    renderError: (status, message) => apiProblem(status, message),
    controlActions: {
      'expire-tokens': () => oauth.expireTokens(),
      'revoke-refresh-tokens': () => oauth.revokeRefreshTokens(),
    },
    log: options.log ?? createConsoleLogger('sandbox:transeu'),
  })

  return {
    baseUrl: server.baseUrl,
    port: server.port,
    credentials: {
      ...credentials,
      authorizeUrl: `${server.baseUrl}/oauth2/auth`,
      tokenUrl: `${server.baseUrl}/ext/auth-api/accounts/token`,
    },
    faults: simulatorFaults(faults, server, {
      expireTokens: () => oauth.expireTokens(),
      revokeRefreshTokens: () => oauth.revokeRefreshTokens(),
    }),
    clock,
    state: { freights, oauth: oauth.state },
    control: server.control,
    stop: () => server.stop(),
  }
}

/**
 * A freight as the lists show it: the list keys, only `transport` of the requirements, and
 * `archived_at` on the archive only.
 */
function listItem(freight: FreightDetail, list: ListName): ListFreight {
  const item = select(freight, listFields) as ListFreight
  item.requirements = { transport: freight.requirements.transport }
  if (list !== 'archive') delete item.archived_at
  return item
}

/** How the faults bend and break list items (`oddItemRate`, `unreadableItemRate`). */
const itemTwists = {
  keyOf: (item: Partial<ListFreight>) => item.id ?? 0,
  odd: (item: Partial<ListFreight>, variant: number): unknown =>
    variant < 0.5
      ? // A body the dictionary does not name, and a key the documentation does not list.
        {
          ...item,
          truck_bodies: [...(item.truck_bodies ?? []), 'hover-trailer'],
          co2_estimate: { kg: 412 },
        }
      : // A count sent as text.
        { ...item, transit_time: String(item.transit_time ?? 540) },
  unreadable: (item: Partial<ListFreight>): unknown => ({ ...item, id: null }),
}

function select<T extends object>(value: T, keys: readonly string[]): Partial<T> {
  const selected: Record<string, unknown> = {}
  for (const key of keys) if (key in value) selected[key] = (value as Record<string, unknown>)[key]
  return selected as Partial<T>
}
