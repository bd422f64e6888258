/**
 * Trans.eu sign-in sessions: the authorization-code flow in the system browser with PKCE (S256)
 * and a random `state`, completed either by the browser coming back to a loopback listener on
 * 127.0.0.1, or by the dispatcher pasting the address the browser landed on (or the bare code) for
 * app registrations that allow only an https redirect. Each session times out; its listener is
 * always closed. The code exchange and token storage are the caller's (`exchange`).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { SignInFinished, SignInStarted } from '@shared/domain/account'
import { appError, isAppErrorException, type AppError } from '@shared/errors'
import { describeError, type Logger } from '../../../log'
import { createOAuthState, createPkcePair } from '../../../providers/transeu/oauth'
import { startLoopbackListener, type CallbackOutcome, type LoopbackListener } from './loopback'

export interface AuthorizeRequest {
  redirectUri: string
  state: string
  codeChallenge: string
}

export interface StartSignIn {
  accountId: string
  /** The registered https redirect (paste mode), or null for a loopback listener. */
  registeredRedirect: string | null
  /** The provider's authorize URL for these parameters. */
  authorizeUrl(request: AuthorizeRequest): string
  /** Exchanges the code and stores the tokens; throws an AppError when that fails. */
  exchange(grant: { code: string; codeVerifier: string; redirectUri: string }): Promise<void>
  /** False: do not hand the page to the system browser (default true). */
  openBrowser?: boolean
}

export interface TranseuSignInOptions {
  log: Logger
  now: () => Date
  /** How long a sign-in may take before it is given up (default 5 minutes). */
  timeoutMs: number
  /** Opens the system browser; absent where the page must open it (the web preview). */
  openExternal?: (url: string) => Promise<void>
  /** Told when a session ends by the browser coming back, by timing out, or with an error. */
  onFinished(event: SignInFinished): void
}

export interface TranseuSignIn {
  start(request: StartSignIn): Promise<SignInStarted>
  /** Completes a session with a pasted redirect address or code; resolves once tokens are stored. */
  complete(signInId: string, response: string): Promise<{ accountId: string }>
  cancel(signInId: string): Promise<boolean>
  /** The ids of the sessions running for an account. */
  sessionsOf(accountId: string): string[]
  /** Ends every session (the app is closing); closes every listener. */
  dispose(): Promise<void>
}

interface Session {
  id: string
  accountId: string
  state: string
  codeVerifier: string
  redirectUri: string
  exchange: StartSignIn['exchange']
  listener: LoopbackListener | null
  timer: NodeJS.Timeout
  /** An exchange is under way: a second code for this session is refused meanwhile. */
  exchanging: boolean
}

export const defaultSignInTimeoutMs = 5 * 60_000

/** Creates the session keeper. Sessions live in memory only; nothing about them is stored. */
export function createTranseuSignIn(options: TranseuSignInOptions): TranseuSignIn {
  const sessions = new Map<string, Session>()

  /**
   * Ends a session: stops its timer, closes its listener, tells who listens. From inside the
   * listener's own callback the listener stays up until the browser has its page, then closes.
   */
  async function finish(
    session: Session,
    error: AppError | null,
    inCallback = false,
  ): Promise<void> {
    if (sessions.get(session.id) !== session) return
    sessions.delete(session.id)
    clearTimeout(session.timer)
    const closing = inCallback ? undefined : session.listener?.close()
    options.onFinished(
      error
        ? {
            ok: false,
            signInId: session.id,
            accountId: session.accountId,
            error: { code: error.code, message: error.message },
          }
        : { ok: true, signInId: session.id, accountId: session.accountId },
    )
    await closing
  }

  /** Runs the exchange for a code that arrived for `session`; returns the error, if any. */
  async function redeem(session: Session, code: string): Promise<AppError | null> {
    session.exchanging = true
    try {
      await session.exchange({
        code,
        codeVerifier: session.codeVerifier,
        redirectUri: session.redirectUri,
      })
      return null
    } catch (error) {
      if (isAppErrorException(error)) return error.error
      options.log.error('the Trans.eu code exchange failed', describeError(error))
      return {
        code: 'internal',
        message: 'Freightdesk could not finish signing in to Trans.eu. Try again.',
      }
    } finally {
      session.exchanging = false
    }
  }

  /** The loopback listener's view of a session: what the browser tab shows. */
  async function onCallback(session: Session, query: URLSearchParams): Promise<CallbackOutcome> {
    if (sessions.get(session.id) !== session) {
      return page(410, 'Sign-in already finished', 'Go back to Freightdesk.', true)
    }
    if (!sameSecret(query.get('state'), session.state)) {
      options.log.warn('refused a Trans.eu sign-in callback whose state does not match', {
        accountId: session.accountId,
      })
      return page(
        400,
        'Sign-in not accepted',
        'This answer does not belong to the sign-in Freightdesk started. Go back to Freightdesk and click Sign in again.',
        false,
      )
    }
    const refusal = providerRefusal(query)
    if (refusal) {
      await finish(session, refusal, true)
      return page(400, 'Sign-in refused', refusal.message, true)
    }
    const code = query.get('code')
    if (!code || !isPlausibleCode(code)) {
      return page(400, 'Sign-in not accepted', 'The address has no usable code.', false)
    }
    const error = await redeem(session, code)
    await finish(session, error, true)
    return error
      ? page(400, 'Sign-in failed', error.message, true)
      : page(
          200,
          'Signed in to Trans.eu',
          'Freightdesk is connected. You can close this tab and go back to Freightdesk.',
          true,
        )
  }

  return {
    async start(request) {
      for (const other of sessions.values()) {
        if (other.accountId === request.accountId) await finish(other, replacedError)
      }
      const id = randomBytes(16).toString('base64url')
      const state = createOAuthState()
      const pkce = createPkcePair()
      const session: Session = {
        id,
        accountId: request.accountId,
        state,
        codeVerifier: pkce.verifier,
        redirectUri: request.registeredRedirect ?? '',
        exchange: (grant) => request.exchange(grant),
        listener: null,
        timer: setTimeout(
          () => void finish(session, timeoutError(options.timeoutMs)),
          options.timeoutMs,
        ),
        exchanging: false,
      }
      session.timer.unref()
      try {
        if (request.registeredRedirect === null) {
          session.listener = await startLoopbackListener({
            onCallback: (query) => onCallback(session, query),
            log: options.log,
          })
          session.redirectUri = session.listener.redirectUri
        }
        const authorizeUrl = request.authorizeUrl({
          redirectUri: session.redirectUri,
          state,
          codeChallenge: pkce.challenge,
        })
        sessions.set(id, session)
        let browser: SignInStarted['browser'] = 'open_in_page'
        if (options.openExternal && request.openBrowser !== false) {
          try {
            await options.openExternal(authorizeUrl)
            browser = 'opened'
          } catch (error) {
            options.log.warn(
              'the system browser did not open the sign-in page',
              describeError(error),
            )
          }
        }
        return {
          signInId: id,
          accountId: request.accountId,
          authorizeUrl,
          redirect: session.listener ? 'loopback' : 'paste',
          browser,
          expiresAt: new Date(options.now().getTime() + options.timeoutMs).toISOString(),
        }
      } catch (error) {
        clearTimeout(session.timer)
        sessions.delete(id)
        await session.listener?.close()
        throw error
      }
    },

    async complete(signInId, response) {
      const session = sessions.get(signInId)
      if (!session) throw sessionGone()
      if (session.exchanging) {
        throw appError(
          'conflict',
          'Freightdesk is already finishing this sign-in. Wait a moment for the result.',
        )
      }
      const { code, query } = readPasted(response)
      if (query) {
        if (!query.has('state') && !query.has('error')) {
          throw pasteProblem(
            'This address has no state, so Freightdesk cannot tell it belongs to this sign-in. Paste the whole address from the browser, or just the code.',
          )
        }
        if (!sameSecret(query.get('state'), session.state)) {
          options.log.warn('refused a pasted Trans.eu sign-in address whose state does not match', {
            accountId: session.accountId,
          })
          throw pasteProblem(
            'This address belongs to another sign-in attempt. Copy the address from the tab this sign-in opened, or click Sign in again.',
          )
        }
        const refusal = providerRefusal(query)
        if (refusal) {
          await finish(session, refusal)
          throw appError(refusal.code, refusal.message)
        }
      }
      if (!code)
        throw pasteProblem(
          'This address has no code. Paste the whole address the browser shows after you signed in.',
        )
      const error = await redeem(session, code)
      if (error && error.code === 'validation') {
        // A wrong, used or expired code: the session stays open for another try until it times out.
        throw appError('validation', error.message, { fields: { response: error.message } })
      }
      await finish(session, error)
      if (error)
        throw appError(error.code, error.message, error.fields ? { fields: error.fields } : {})
      return { accountId: session.accountId }
    },

    async cancel(signInId) {
      const session = sessions.get(signInId)
      if (!session) return false
      await finish(session, {
        code: 'auth_required',
        message: 'Signing in to Trans.eu was cancelled.',
      })
      return true
    },

    sessionsOf: (accountId) =>
      [...sessions.values()].filter((each) => each.accountId === accountId).map((each) => each.id),

    async dispose() {
      for (const session of [...sessions.values()]) {
        await finish(session, { code: 'internal', message: 'Freightdesk is closing.' })
      }
    },
  }
}

const replacedError: AppError = {
  code: 'conflict',
  message: 'A newer sign-in for this account replaced this one.',
}

function timeoutError(timeoutMs: number): AppError {
  const minutes = Math.round(timeoutMs / 60_000)
  const seconds = Math.ceil(timeoutMs / 1000)
  const span =
    minutes >= 1
      ? `${minutes} minute${minutes === 1 ? '' : 's'}`
      : `${seconds} second${seconds === 1 ? '' : 's'}`
  return {
    code: 'auth_required',
    message: `Signing in to Trans.eu was not finished within ${span}, so Freightdesk stopped waiting. Click Sign in to start again.`,
  }
}

function sessionGone() {
  return appError(
    'not_found',
    'This sign-in has already finished or timed out. Click Sign in to start again.',
    { fields: { signInId: 'No sign-in is waiting with this id' } },
  )
}

function pasteProblem(message: string) {
  return appError('validation', message, { fields: { response: message } })
}

function page(status: number, title: string, message: string, done: boolean): CallbackOutcome {
  return { status, title, message, done }
}

/** Compares two secrets in constant time (of their hashes, so lengths leak nothing either). */
function sameSecret(presented: string | null, expected: string): boolean {
  if (presented === null) return false
  const a = createHash('sha256').update(presented).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}

const errorCodePattern = /^[a-z_]{1,40}$/

/** The provider's `error=...` answer (the user denied access, a bad request), as an AppError. */
function providerRefusal(query: URLSearchParams): AppError | null {
  const error = query.get('error')
  if (error === null) return null
  if (error === 'access_denied') {
    return {
      code: 'auth_required',
      message:
        'Access was denied on the Trans.eu page. Click Sign in again and choose to allow Freightdesk.',
    }
  }
  // The provider's own description is not shown: it is free text from outside the app.
  const name = errorCodePattern.test(error) ? ` (${error})` : ''
  return {
    code: 'provider_error',
    message: `Trans.eu refused the sign-in${name}. Click Sign in to try again; if it keeps failing, check the app registration's client id and redirect address.`,
  }
}

function isPlausibleCode(code: string): boolean {
  return /^[A-Za-z0-9._~+/=-]{4,2048}$/.test(code)
}

/** Reads what the dispatcher pasted: a whole address, a query string, or a bare code. */
function readPasted(text: string): { code: string | null; query: URLSearchParams | null } {
  const trimmed = text.trim()
  let query: URLSearchParams | null = null
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    let url: URL
    try {
      url = new URL(trimmed)
    } catch {
      throw pasteProblem(
        'This is not a complete address. Paste the whole address, or just the code.',
      )
    }
    query = url.searchParams
  } else if (trimmed.startsWith('?') || /(^|&)(code|state|error)=/.test(trimmed)) {
    query = new URLSearchParams(trimmed.replace(/^\?/, ''))
  }
  if (!query) {
    if (!isPlausibleCode(trimmed)) {
      throw pasteProblem(
        'This does not look like a sign-in code. Paste the whole address the browser shows.',
      )
    }
    return { code: trimmed, query: null }
  }
  const code = query.get('code')
  return { code: code && isPlausibleCode(code) ? code : null, query }
}
