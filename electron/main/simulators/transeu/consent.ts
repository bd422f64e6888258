/**
 * The simulator's consent page, driven the way its user does it: open the authorize page, read
 * the form's request id, submit login, password and a decision. Sample-data mode signs its
 * Trans.eu account in with it, and so does every test; the page itself is in oauth.ts.
 */

/** The user the simulator accepts; `credentials.user` of a running Trans.eu simulator. */
export interface ConsentUser {
  login: string
  password: string
}

export interface ConsentChoice {
  /** Defaults to the simulator's user. */
  login?: string
  password?: string
  decision?: 'allow' | 'deny'
}

/** Opens the authorize page and returns the sign-in request id from its form. */
export async function openConsentPage(authorizeUrl: string): Promise<string> {
  const page = await fetch(authorizeUrl, { redirect: 'manual' })
  const requestId = /name="request_id" value="([^"]+)"/.exec(await page.text())?.[1]
  if (page.status !== 200 || !requestId)
    throw new Error(`the consent page answered ${page.status} without a form`)
  return requestId
}

/** Submits the consent form for `requestId`; the raw answer (a 302 to the redirect on success). */
export function submitConsent(
  authorizeUrl: string,
  requestId: string,
  user: ConsentUser,
  choice: ConsentChoice = {},
): Promise<Response> {
  const form = new URL(authorizeUrl)
  return fetch(`${form.origin}${form.pathname}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      request_id: requestId,
      login: choice.login ?? user.login,
      password: choice.password ?? user.password,
      decision: choice.decision ?? 'allow',
    }),
  })
}

/**
 * The whole page: opens `authorizeUrl`, signs in as `user` and allows (or as `choice` says), and
 * returns where the page redirects to (the app's redirect address with the code and state).
 * Throws when the page does not redirect.
 */
export async function signInOnConsentPage(
  authorizeUrl: string,
  user: ConsentUser,
  choice: ConsentChoice = {},
): Promise<URL> {
  const answer = await submitConsent(
    authorizeUrl,
    await openConsentPage(authorizeUrl),
    user,
    choice,
  )
  const location = answer.headers.get('location')
  if (answer.status !== 302 || !location) {
    throw new Error(`the consent page answered ${answer.status}`)
  }
  return new URL(location)
}
