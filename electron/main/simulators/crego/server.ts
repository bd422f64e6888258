/**
 * The Crego simulator: staff login and token refresh, documents (paged envelope, filters, get,
 * create, change, remove, file upload and download), shares (create with an expiry in the future,
 * list with the expiry filters, get, change, revoke) and the public preview by token. Every path
 * ends with a slash: a GET without it is redirected, anything else without it is a 404, as Django
 * does. Times are written as Django writes them (microseconds). With `documentedExamples` creating
 * a share answers the documentation's example.
 */
import { randomBytes } from 'node:crypto'
import { createConsoleLogger } from '../../log'
import { defaultScenarioCounts } from '../data/generate'
import { ulid } from '../data/ids'
import { createRandom } from '../data/random'
import { createFaultEngine } from '../http/faults'
import { parseMultipart } from '../http/multipart'
import type { RateLimit } from '../http/rate-limit'
import {
  emptyReply,
  htmlReply,
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
  type TokenFaults,
} from '../http/simulator'
import { pageOf } from '../http/views'
import { createCregoAuth, type CregoAuthState } from './auth'
import { detailReply, fieldErrorsReply, notFound, readBody } from './errors'
import { previewPage, unavailable } from './preview'
import { documentedShare } from './documented-examples'
import {
  categories,
  djangoInstant,
  DocumentChangeBody,
  DocumentCreateBody,
  documentStatuses,
  maxPageSize,
  ShareBody,
  type Document as CregoDocument,
  type DocumentFile as CregoFile,
  type Share as CregoShare,
  type User,
} from './shapes'
import { createCregoState, type CregoState } from './state'

export interface CregoSimulatorOptions extends SimulatorOptions {
  /** Documents to generate when no scenario is given. */
  documents?: number
  /** Default 900 (15 minutes). */
  accessTokenLifetimeSeconds?: number
  /** Default one day. */
  refreshTokenLifetimeSeconds?: number
  /** Crego documents no limit; give one to test a client's pacing (counted per simulator). */
  rateLimit?: RateLimit
  /** Start out answering share creation with the documentation's example (also a fault switch). */
  documentedExamples?: boolean
}

export interface CregoCredentials {
  username: string
  password: string
  /** A long-lived access token, as tenants that issue tokens another way would paste. */
  apiToken: string
}

export interface CregoSimulatorState extends CregoState {
  auth: CregoAuthState
}

export type CregoSimulator = Simulator<
  CregoCredentials,
  CregoSimulatorState,
  SimulatorFaults & TokenFaults
>

const defaultPageSize = 20
const maxUploadBytes = 20 * 1024 * 1024

/** Starts the Crego simulator on 127.0.0.1. */
export async function startCregoSimulator(
  options: CregoSimulatorOptions = {},
): Promise<CregoSimulator> {
  const { clock, seed, scenario } = prepareSimulator(options, {
    documents: options.documents ?? defaultScenarioCounts.documents,
  })
  const random = createRandom(seed).fork('crego-runtime')
  const tenantId = ulid(random, Date.parse(scenario.anchor))
  const user: User = {
    id: ulid(random, Date.parse(scenario.anchor)),
    username: 'ewa.mazur',
    email: 'ewa.mazur@wisla-spedycja.example',
    first_name: 'Ewa',
    last_name: 'Mazur',
    tenant_id: tenantId,
  }
  const credentials: CregoCredentials = {
    username: user.username,
    password: randomBytes(12).toString('base64url'),
    apiToken: randomBytes(32).toString('base64url'),
  }
  const auth = createCregoAuth(
    {
      ...credentials,
      user,
      accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 900,
      refreshTokenLifetimeSeconds: options.refreshTokenLifetimeSeconds ?? 86_400,
    },
    clock,
  )
  const faults = createFaultEngine({
    seed,
    defaults: { documentedExamples: options.documentedExamples ?? false },
  })
  const state = createCregoState({
    documents: scenario.crego.documents,
    contents: scenario.crego.contents,
    clock,
    random: random.fork('inserts'),
  })
  const now = () => djangoInstant(clock.now())

  const authed =
    (handler: Handler): Handler =>
    (context) => {
      auth.authorize(context)
      return handler(context)
    }
  const documentOf = (context: RequestContext): CregoDocument => {
    const document = state.documents.get(context.params.document ?? '')
    if (!document) throw notFound()
    return document
  }
  const shareOf = (context: RequestContext): CregoShare => {
    const document = documentOf(context)
    const share = state.shares.get(context.params.share ?? '')
    if (!share || share.document !== document.id) throw notFound()
    return share
  }
  const fileOf = (document: CregoDocument | undefined, fileId: string | undefined) => {
    const file = document?.files.find((item) => item.id === fileId)
    const bytes = file ? state.fileBytes(file.id) : undefined
    if (!file || !bytes) throw notFound()
    return { file, bytes }
  }
  const futureExpiry = (expiresAt: string): string => {
    if (Date.parse(expiresAt) <= clock.now()) {
      throw new ReplyError(fieldErrorsReply({ expires_at: ['Expiry must be in the future.'] }))
    }
    return djangoInstant(Date.parse(expiresAt))
  }

  const routes = new RouteTable()
  auth.addRoutes(routes)
  routes
    .get(
      '/documents/',
      authed((context) => {
        const query = context.query
        const errors: Record<string, string[]> = {}
        const category = query.get('category')
        if (category !== null && !(categories as readonly string[]).includes(category)) {
          errors.category = [
            `Select a valid choice. ${category} is not one of the available choices.`,
          ]
        }
        const status = query.get('status')
        if (status !== null && !(documentStatuses as readonly string[]).includes(status)) {
          errors.status = [`Select a valid choice. ${status} is not one of the available choices.`]
        }
        if (Object.keys(errors).length > 0) return fieldErrorsReply(errors)
        const tags = (query.get('tags') ?? '')
          .split(',')
          .map((tag) => tag.trim())
          .filter(Boolean)
        const search = query.get('search')?.trim().toLowerCase() ?? ''
        const { page, pageSize } = paging(query)
        if (page > 1 && faults.settings.insertWhilePaging > 0) {
          state.insertDocuments(faults.settings.insertWhilePaging)
        }
        const filtered = state
          .orderedDocuments()
          .filter(
            (document) =>
              (category === null || document.category === category) &&
              (status === null || document.status === status) &&
              tags.every((tag) => document.tags.includes(tag)) &&
              (search === '' ||
                document.name.toLowerCase().includes(search) ||
                document.tags.some((tag) => tag.toLowerCase().includes(search))),
          )
        return pagedReply(filtered, page, pageSize)
      }),
    )
    .post(
      '/documents/',
      authed(async (context) => {
        const body = await readBody(context, DocumentCreateBody)
        const document: CregoDocument = {
          id: ulid(random, clock.now()),
          name: body.name,
          category: body.category,
          tags: body.tags ?? [],
          status: 'pending',
          files: [],
          created_at: now(),
          updated_at: now(),
        }
        state.putDocument(document)
        return jsonReply(201, document)
      }),
    )
    .get(
      '/documents/:document/',
      authed((context) => jsonReply(200, documentOf(context))),
    )
    .patch(
      '/documents/:document/',
      authed(async (context) => {
        const current = documentOf(context)
        const change = await readBody(context, DocumentChangeBody)
        const document: CregoDocument = {
          ...current,
          ...Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)),
          updated_at: now(),
        }
        state.putDocument(document)
        return jsonReply(200, document)
      }),
    )
    .delete(
      '/documents/:document/',
      authed((context) => {
        state.removeDocument(documentOf(context).id)
        return emptyReply(204)
      }),
    )
    .post(
      '/documents/:document/files/',
      authed(async (context) => {
        const document = documentOf(context)
        const parts = parseMultipart(context.header('content-type'), await context.body())
        if (!parts) {
          return detailReply(
            415,
            `Unsupported media type "${context.header('content-type') ?? ''}" in request.`,
          )
        }
        const upload = parts.find((part) => part.name === 'file' && part.filename !== null)
        if (!upload) return fieldErrorsReply({ file: ['No file was submitted.'] })
        if (upload.data.length === 0)
          return fieldErrorsReply({ file: ['The submitted file is empty.'] })
        const file: CregoFile = {
          id: ulid(random, clock.now()),
          name: upload.filename || 'upload',
          size: upload.data.length,
          content_type: upload.contentType,
        }
        state.addFile(document.id, file, Buffer.from(upload.data))
        return jsonReply(201, file)
      }),
    )
    .get(
      '/documents/:document/files/:file/',
      authed((context) => {
        const { file, bytes } = fileOf(documentOf(context), context.params.file)
        return fileReply(file, bytes, 'attachment')
      }),
    )
    .post(
      '/documents/:document/shares/',
      authed(async (context) => {
        const { expires_at } = await readBody(context, ShareBody)
        if (faults.settings.documentedExamples) return jsonReply(201, documentedShare)
        const document = documentOf(context)
        const share: CregoShare = {
          id: ulid(random, clock.now()),
          tenant_id: tenantId,
          created_by: user.id,
          // doc: empty until someone changes the share.
          updated_by: '',
          created_at: now(),
          updated_at: now(),
          expires_at: futureExpiry(expires_at),
          token: randomBytes(24).toString('base64url'),
          document: document.id,
        }
        state.putShare(share)
        return jsonReply(201, share)
      }),
    )
    .get(
      '/documents/:document/shares/',
      authed((context) => {
        const document = documentOf(context)
        const errors: Record<string, string[]> = {}
        const bounds: Record<string, number> = {}
        for (const name of ['expires_at', 'expires_at_gte', 'expires_at_lte']) {
          const text = context.query.get(name)
          if (text === null) continue
          const instant = Date.parse(text)
          if (!Number.isFinite(instant) || !/^\d{4}-\d{2}-\d{2}/.test(text)) {
            errors[name] = ['Enter a valid date/time.']
          } else bounds[name] = instant
        }
        if (Object.keys(errors).length > 0) return fieldErrorsReply(errors)
        const { page, pageSize } = paging(context.query)
        const shares = [...state.shares.values()]
          .filter((share) => {
            if (share.document !== document.id) return false
            const expires = Date.parse(share.expires_at)
            return (
              (bounds.expires_at === undefined || expires === bounds.expires_at) &&
              (bounds.expires_at_gte === undefined || expires >= bounds.expires_at_gte) &&
              (bounds.expires_at_lte === undefined || expires <= bounds.expires_at_lte)
            )
          })
          .sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0))
        return pagedReply(shares, page, pageSize)
      }),
    )
    .get(
      '/documents/:document/shares/:share/',
      authed((context) => jsonReply(200, shareOf(context))),
    )
    .patch(
      '/documents/:document/shares/:share/',
      authed(async (context) => {
        const current = shareOf(context)
        const { expires_at } = await readBody(context, ShareBody)
        const share: CregoShare = {
          ...current,
          expires_at: futureExpiry(expires_at),
          updated_at: now(),
          updated_by: user.id,
        }
        state.putShare(share)
        return jsonReply(200, share)
      }),
    )
    .delete(
      '/documents/:document/shares/:share/',
      authed((context) => {
        state.revokeShare(shareOf(context).id)
        return emptyReply(204)
      }),
    )
    .get('/shares/:token/preview/', (context) => {
      const lookup = state.shareByToken(context.params.token ?? '')
      const refused = unavailable(lookup, clock.now())
      if (refused || !lookup.share) return refused ?? emptyReply(404)
      const document = state.documents.get(lookup.share.document)
      return document ? previewPage(lookup.share, document) : emptyReply(404)
    })
    .get('/shares/:token/preview/files/:file/', (context) => {
      const lookup = state.shareByToken(context.params.token ?? '')
      const refused = unavailable(lookup, clock.now())
      if (refused || !lookup.share) return refused ?? emptyReply(404)
      const { file, bytes } = fileOf(
        state.documents.get(lookup.share.document),
        context.params.file,
      )
      return fileReply(file, bytes, 'inline')
    })

  const server = await startSimulatorServer({
    name: 'crego',
    routes,
    port: options.port,
    clock,
    faults,
    rateLimitFor: (context) =>
      options.rateLimit && !context.path.startsWith('/shares/')
        ? { bucket: 'tenant', rule: options.rateLimit }
        : undefined,
    renderError: (status, message) => detailReply(status, message),
    fallback: (context) => {
      // Django: an unknown URL is an HTML 404; APPEND_SLASH redirects a GET to the path with a slash.
      const withSlash = `${context.path}/`
      if (!context.path.endsWith('/') && routes.match('GET', withSlash).kind !== 'not_found') {
        if (context.method === 'GET' || context.method === 'HEAD') {
          const query = context.query.toString()
          return { status: 301, headers: { location: query ? `${withSlash}?${query}` : withSlash } }
        }
      }
      return htmlReply(
        404,
        '<!doctype html><title>Not Found</title><h1>Not Found</h1><p>The requested resource was not found on this server.</p>',
      )
    },
    controlActions: {
      'expire-tokens': () => auth.expireTokens(),
      'revoke-refresh-tokens': () => auth.revokeRefreshTokens(),
    },
    maxBodyBytes: maxUploadBytes + 64 * 1024,
    log: options.log ?? createConsoleLogger('sandbox:crego'),
  })

  return {
    baseUrl: server.baseUrl,
    port: server.port,
    credentials,
    faults: simulatorFaults(faults, server, {
      expireTokens: () => auth.expireTokens(),
      revokeRefreshTokens: () => auth.revokeRefreshTokens(),
    }),
    clock,
    state: Object.assign(state, { auth: auth.state }),
    control: server.control,
    stop: () => server.stop(),
  }
}

/** `page` (1-based) and `page_size` (clamped to 100; an invalid size falls back to the default). */
function paging(query: URLSearchParams): { page: number; pageSize: number } {
  const pageText = query.get('page') ?? '1'
  if (!/^\d+$/.test(pageText) || Number(pageText) < 1)
    throw new ReplyError(detailReply(404, 'Invalid page.'))
  const sizeText = query.get('page_size')
  const size =
    sizeText !== null && /^\d+$/.test(sizeText) && Number(sizeText) > 0
      ? Number(sizeText)
      : defaultPageSize
  return { page: Number(pageText), pageSize: Math.min(size, maxPageSize) }
}

/** The paged envelope; a page past the last is a 404, as in Django REST framework. */
function pagedReply<T>(items: readonly T[], page: number, pageSize: number): Reply {
  const totalPages = Math.ceil(items.length / pageSize)
  if (page > Math.max(1, totalPages)) throw new ReplyError(detailReply(404, 'Invalid page.'))
  const body = {
    count: items.length,
    total_pages: totalPages,
    current_page: page,
    has_previous: page > 1,
    has_next: page < totalPages,
    previous_page: page > 1 ? page - 1 : null,
    next_page: page < totalPages ? page + 1 : null,
    results: pageOf(items, page, pageSize),
  }
  return jsonReply(200, body)
}

function fileReply(file: CregoFile, bytes: Buffer, disposition: 'inline' | 'attachment'): Reply {
  return {
    status: 200,
    headers: {
      'content-type': file.content_type,
      'content-disposition': `${disposition}; filename="${file.name.replace(/["\\\r\n]/g, '_')}"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      // An uploaded file is served from the simulator's origin: only PDFs may render as themselves.
      ...(file.content_type === 'application/pdf'
        ? {}
        : { 'content-security-policy': "sandbox; default-src 'none'" }),
    },
    body: bytes,
  }
}
