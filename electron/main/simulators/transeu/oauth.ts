/**
 * Trans.eu's OAuth 2.0 authorization-code flow, played by the simulator: the authorize page (a
 * plain HTML sign-in and consent form, no scripts), codes that are single-use and live 60 s, PKCE
 * (S256), the token endpoint with its `Api-key`, expiring access tokens and single-use refresh
 * tokens that rotate. Redirect URIs: any `http://127.0.0.1:<port>/<path>` (RFC 8252) and one https URI.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Clock } from '../http/clock'
import { escapeHtml, pageReply } from '../http/html'
import { createTokenStore, type RefreshTokenUse, type TokenStore } from '../http/tokens'
import {
  jsonReply,
  redirectReply,
  ReplyError,
  type Reply,
  type RequestContext,
  type RouteTable,
} from '../http/router'
import { apiProblem, oauthError } from './problems'
import { TokenRequest, type TokenAnswer } from './shapes'

export interface TranseuOAuthConfig {
  clientId: string
  clientSecret: string
  apiKey: string
  /** The user who signs in on the authorize page. */
  user: { login: string; password: string }
  /** The one registered https redirect URI. */
  httpsRedirectUri: string
  accessTokenLifetimeSeconds: number
  refreshTokenLifetimeSeconds: number
}

interface AuthorizationRequest {
  redirectUri: string
  state: string | null
  codeChallenge: string | null
  expiresAt: number
}

interface AuthorizationCode {
  redirectUri: string
  codeChallenge: string | null
  expiresAt: number
  used: boolean
  /** Tokens issued for it, revoked if the code is presented again (RFC 6749, 4.1.2). */
  tokens: string[]
}

export interface TranseuOAuthState {
  /** Pending sign-ins on the authorize page, by request id. */
  readonly requests: ReadonlyMap<string, AuthorizationRequest>
  readonly codes: ReadonlyMap<string, AuthorizationCode>
  readonly tokens: Pick<TokenStore, 'accessTokens' | 'refreshTokens'>
}

export interface TranseuOAuth {
  state: TranseuOAuthState
  /** Adds the authorize page and the token endpoint. */
  addRoutes(routes: RouteTable): void
  /** Throws a 401 unless the request carries the api-key and a live access token. */
  authorize(context: RequestContext): void
  expireTokens(): void
  revokeRefreshTokens(): void
}

export const codeLifetimeMs = 60_000
const signInLifetimeMs = 10 * 60_000
const scope = 'freights'

export function createTranseuOAuth(config: TranseuOAuthConfig, clock: Clock): TranseuOAuth {
  const requests = new Map<string, AuthorizationRequest>()
  const codes = new Map<string, AuthorizationCode>()
  const tokens = createTokenStore(clock, {
    accessSeconds: config.accessTokenLifetimeSeconds,
    refreshSeconds: config.refreshTokenLifetimeSeconds,
  })

  const isRegistered = (uri: string): boolean => {
    if (uri === config.httpsRedirectUri) return true
    try {
      const url = new URL(uri)
      return (
        url.protocol === 'http:' &&
        url.hostname === '127.0.0.1' &&
        url.username === '' &&
        url.password === '' &&
        url.hash === '' &&
        uri.startsWith(`http://127.0.0.1${url.port ? `:${url.port}` : ''}/`)
      )
    } catch {
      return false
    }
  }

  const redirectWith = (redirectUri: string, values: Record<string, string | null>): Reply => {
    const url = new URL(redirectUri)
    for (const [key, value] of Object.entries(values)) {
      if (value !== null) url.searchParams.set(key, value)
    }
    return redirectReply(url.toString())
  }

  const showAuthorize = (context: RequestContext): Reply => {
    const query = context.query
    const clientId = query.get('client_id')
    if (clientId !== config.clientId) {
      return errorPage(400, 'Unknown application', 'The client_id is missing or not registered.')
    }
    const redirectUri = query.get('redirect_uri') ?? ''
    if (!isRegistered(redirectUri)) {
      return errorPage(
        400,
        'Redirect address not registered',
        'The redirect_uri is missing or is not one the application registered.',
      )
    }
    const state = query.get('state')
    if (query.get('response_type') !== 'code') {
      return redirectWith(redirectUri, {
        error: 'unsupported_response_type',
        error_description: 'Only response_type=code is supported.',
        state,
      })
    }
    const challenge = query.get('code_challenge')
    const method = query.get('code_challenge_method')
    if (challenge !== null || method !== null) {
      const problem =
        method !== 'S256'
          ? 'code_challenge_method must be S256.'
          : !/^[A-Za-z0-9_-]{43}$/.test(challenge ?? '')
            ? 'code_challenge must be the base64url SHA-256 of the verifier (43 characters).'
            : null
      if (problem) {
        return redirectWith(redirectUri, {
          error: 'invalid_request',
          error_description: problem,
          state,
        })
      }
    }
    const id = randomToken()
    requests.set(id, {
      redirectUri,
      state,
      codeChallenge: challenge,
      expiresAt: clock.now() + signInLifetimeMs,
    })
    return signInPage(200, id, null)
  }

  const submitAuthorize = async (context: RequestContext): Promise<Reply> => {
    const form = await context.form()
    const id = form.get('request_id') ?? ''
    const request = requests.get(id)
    if (!request || request.expiresAt <= clock.now()) {
      requests.delete(id)
      return errorPage(
        400,
        'Sign-in expired',
        'This sign-in request has expired or was already used. Start signing in again from the application.',
      )
    }
    if (form.get('decision') === 'deny') {
      requests.delete(id)
      return redirectWith(request.redirectUri, {
        error: 'access_denied',
        error_description: 'The user denied access.',
        state: request.state,
      })
    }
    if (form.get('login') !== config.user.login || form.get('password') !== config.user.password) {
      return signInPage(401, id, 'Wrong login or password.')
    }
    requests.delete(id)
    const code = randomToken()
    codes.set(code, {
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      expiresAt: clock.now() + codeLifetimeMs,
      used: false,
      tokens: [],
    })
    return redirectWith(request.redirectUri, { code, state: request.state })
  }

  const issueTokens = (): TokenAnswer => {
    const { access, refresh } = tokens.issue()
    return {
      access_token: access,
      token_type: 'Bearer',
      expires_in: config.accessTokenLifetimeSeconds,
      scope,
      refresh_token: refresh,
    }
  }

  const token = async (context: RequestContext): Promise<Reply> => {
    if (context.header('api-key') !== config.apiKey) {
      return oauthError(
        401,
        'invalid_client',
        'Send the application api-key in the Api-key header.',
      )
    }
    if (!(context.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
      return oauthError(
        400,
        'invalid_request',
        'Send the fields form-encoded (application/x-www-form-urlencoded).',
      )
    }
    const fields = Object.fromEntries(await context.form())
    const grantType = fields.grant_type
    if (grantType === undefined)
      return oauthError(400, 'invalid_request', 'grant_type is required.')
    if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
      return oauthError(
        400,
        'unsupported_grant_type',
        `The grant type "${grantType}" is not supported.`,
      )
    }
    const parsed = TokenRequest.safeParse(fields)
    if (!parsed.success) {
      const missing = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')
      return oauthError(400, 'invalid_request', `Missing or empty: ${missing}.`)
    }
    const request = parsed.data
    if (request.client_id !== config.clientId || request.client_secret !== config.clientSecret) {
      return oauthError(401, 'invalid_client', 'The client_id or client_secret is wrong.')
    }
    if (request.grant_type === 'authorization_code') {
      const code = codes.get(request.code)
      if (!code) return oauthError(400, 'invalid_grant', 'The authorization code is unknown.')
      if (code.used) {
        tokens.revoke(code.tokens)
        return oauthError(400, 'invalid_grant', 'The authorization code was already used.')
      }
      if (code.expiresAt <= clock.now()) {
        return oauthError(400, 'invalid_grant', 'The authorization code expired; sign in again.')
      }
      if (request.redirect_uri !== code.redirectUri) {
        return oauthError(
          400,
          'invalid_grant',
          'redirect_uri differs from the one the code was issued for.',
        )
      }
      if (code.codeChallenge !== null) {
        const verifier = request.code_verifier ?? ''
        if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) {
          return oauthError(400, 'invalid_grant', 'code_verifier is missing or malformed.')
        }
        const hashed = createHash('sha256').update(verifier).digest('base64url')
        if (hashed !== code.codeChallenge) {
          return oauthError(
            400,
            'invalid_grant',
            'code_verifier does not match the code_challenge.',
          )
        }
      }
      code.used = true
      const body = issueTokens()
      code.tokens.push(body.access_token, body.refresh_token)
      return tokenReply(body)
    }
    const refused = refreshRefusals[tokens.useRefreshToken(request.refresh_token)]
    if (refused) return oauthError(400, 'invalid_grant', refused)
    return tokenReply(issueTokens())
  }

  return {
    state: { requests, codes, tokens },
    addRoutes(routes) {
      routes.get('/oauth2/auth', showAuthorize)
      routes.post('/oauth2/auth', submitAuthorize)
      routes.post('/ext/auth-api/accounts/token', token)
    },
    authorize(context) {
      if (context.header('api-key') !== config.apiKey) {
        throw new ReplyError(
          apiProblem(401, "Send the application's api-key in the Api-key header."),
        )
      }
      const authorization = context.header('authorization') ?? ''
      if (!authorization.startsWith('Bearer ')) {
        throw new ReplyError(
          apiProblem(
            401,
            'Sign in first: send the access token as "Authorization: Bearer <token>".',
            {
              'www-authenticate': 'Bearer realm="trans.eu"',
            },
          ),
        )
      }
      const check = tokens.checkAccessToken(authorization.slice('Bearer '.length))
      if (check !== 'valid') {
        const detail =
          check === 'expired'
            ? 'The access token expired; refresh it.'
            : 'The access token is not valid; sign in again.'
        throw new ReplyError(
          apiProblem(401, detail, {
            'www-authenticate': `Bearer realm="trans.eu", error="invalid_token", error_description="${detail}"`,
          }),
        )
      }
    },
    expireTokens: () => tokens.expireAccessTokens(),
    revokeRefreshTokens: () => tokens.revokeRefreshTokens(),
  }
}

/** Why a refresh token was refused, by the outcome of spending it. */
const refreshRefusals: Record<RefreshTokenUse, string | null> = {
  ok: null,
  unknown: 'The refresh token is unknown.',
  used: 'The refresh token was already used.',
  revoked: 'The refresh token was revoked; sign in again.',
  expired: 'The refresh token expired; sign in again.',
}

function tokenReply(body: TokenAnswer): Reply {
  return jsonReply(200, body, { 'cache-control': 'no-store', pragma: 'no-cache' })
}

function signInPage(status: number, requestId: string, error: string | null): Reply {
  return pageReply(
    status,
    'Sign in to Trans.eu',
    `<h1>Sign in to the Trans.eu Platform</h1>
    <p>An application asks to read and manage your company's freights.</p>
    ${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
    <form method="post" action="/oauth2/auth">
      <input type="hidden" name="request_id" value="${escapeHtml(requestId)}">
      <label>Login <input name="login" autocomplete="username" required></label>
      <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
      <button type="submit" name="decision" value="allow">Sign in and allow</button>
      <button type="submit" name="decision" value="deny" formnovalidate>Deny</button>
    </form>`,
  )
}

function errorPage(status: number, title: string, message: string): Reply {
  return pageReply(status, title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`)
}

function randomToken(): string {
  return randomBytes(32).toString('base64url')
}
