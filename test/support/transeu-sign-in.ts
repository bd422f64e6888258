/**
 * Signs in to the Trans.eu simulator the way a user does: opens the authorize page, submits its
 * form, follows nothing (the 302 is read), and optionally exchanges the code at the token endpoint.
 */
import { createHash, randomBytes } from 'node:crypto'
import {
  openConsentPage,
  submitConsent,
  type ConsentChoice,
  type TranseuSimulator,
} from '../../electron/main/simulators'
import type { z } from 'zod'
import { transeuDocumentedAuth } from './documented-shapes'

export const loopbackRedirect = 'http://127.0.0.1:53682/oauth/callback'

export interface AuthorizeParams {
  redirectUri?: string
  state?: string | null
  codeChallenge?: string
  codeChallengeMethod?: string
  responseType?: string
  clientId?: string
}

/** The authorize page's URL for these parameters. */
export function authorizeUrl(sim: TranseuSimulator, params: AuthorizeParams = {}): string {
  const url = new URL(sim.credentials.authorizeUrl)
  url.searchParams.set('client_id', params.clientId ?? sim.credentials.clientId)
  url.searchParams.set('response_type', params.responseType ?? 'code')
  url.searchParams.set('redirect_uri', params.redirectUri ?? loopbackRedirect)
  if (params.state !== null) url.searchParams.set('state', params.state ?? 'state-123')
  if (params.codeChallenge) url.searchParams.set('code_challenge', params.codeChallenge)
  if (params.codeChallengeMethod) {
    url.searchParams.set('code_challenge_method', params.codeChallengeMethod)
  }
  return url.toString()
}

/** Opens the authorize page and returns the sign-in request id from its form. */
export function openSignIn(sim: TranseuSimulator, params: AuthorizeParams = {}): Promise<string> {
  return openConsentPage(authorizeUrl(sim, params))
}

/** Submits the sign-in form; returns the raw answer (a 302 on success). */
export function submitSignIn(
  sim: TranseuSimulator,
  requestId: string,
  choice: ConsentChoice = {},
): Promise<Response> {
  return submitConsent(sim.credentials.authorizeUrl, requestId, sim.credentials.user, choice)
}

/** Signs in on the page and returns the code and state the redirect carried. */
export async function authorizeCode(
  sim: TranseuSimulator,
  params: AuthorizeParams = {},
): Promise<{ code: string; state: string | null; location: URL }> {
  const answer = await submitSignIn(sim, await openSignIn(sim, params))
  if (answer.status !== 302) throw new Error(`sign-in answered ${answer.status}`)
  const location = new URL(answer.headers.get('location') ?? '')
  const code = location.searchParams.get('code')
  if (!code) throw new Error(`no code in ${location.toString()}`)
  return { code, state: location.searchParams.get('state'), location }
}

/** A POST to the token endpoint with the api-key and form fields. */
export function requestToken(
  sim: TranseuSimulator,
  fields: Record<string, string>,
  apiKey: string | null = sim.credentials.apiKey,
): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' }
  if (apiKey !== null) headers['api-key'] = apiKey
  return fetch(sim.credentials.tokenUrl, {
    method: 'POST',
    headers,
    body: new URLSearchParams(fields),
  })
}

export function exchangeCode(
  sim: TranseuSimulator,
  code: string,
  extra: Record<string, string> = {},
): Promise<Response> {
  return requestToken(sim, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: loopbackRedirect,
    client_id: sim.credentials.clientId,
    client_secret: sim.credentials.clientSecret,
    ...extra,
  })
}

export function refreshToken(sim: TranseuSimulator, refresh: string): Promise<Response> {
  return requestToken(sim, {
    grant_type: 'refresh_token',
    refresh_token: refresh,
    client_id: sim.credentials.clientId,
    client_secret: sim.credentials.clientSecret,
  })
}

/** The whole flow: sign in on the page, exchange the code, return the tokens. */
export async function signIn(
  sim: TranseuSimulator,
): Promise<z.infer<typeof transeuDocumentedAuth.tokens>> {
  const { code } = await authorizeCode(sim)
  const answer = await exchangeCode(sim, code)
  if (answer.status !== 200) throw new Error(`token endpoint answered ${answer.status}`)
  return transeuDocumentedAuth.tokens.parse(await answer.json())
}

/** A PKCE verifier and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') }
}

/** A data call with the api-key and a bearer token. */
export function dataCall(
  sim: TranseuSimulator,
  path: string,
  accessToken: string | null,
  init: RequestInit = {},
): Promise<Response> {
  const headers = new Headers(init.headers)
  headers.set('api-key', sim.credentials.apiKey)
  if (accessToken !== null) headers.set('authorization', `Bearer ${accessToken}`)
  if (init.body !== undefined) headers.set('content-type', 'application/json')
  return fetch(`${sim.baseUrl}${path}`, { ...init, headers })
}
