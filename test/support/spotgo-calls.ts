/**
 * Calling a fresh SpotGo simulator over HTTP as the documentation describes it (API key and
 * version headers, problem+json errors), independently of the app's client.
 */
import { beforeEach, expect } from 'vitest'
import { documentedErrors } from './documented-shapes'
import { spotgoSimulator, type SpotGoSimulator } from './simulators'

/** Starts a SpotGo simulator of 30 freights before each test (stopped after it). */
export function useSpotGoCalls() {
  const ctx = {} as { sim: SpotGoSimulator }
  beforeEach(async () => {
    ctx.sim = await spotgoSimulator({ seed: 7, now: '2026-03-02T09:00:00Z', freights: 30 })
  })

  function call(path: string, init: RequestInit & { key?: string | null } = {}) {
    const { key = ctx.sim.credentials.apiKey, ...rest } = init
    const headers = new Headers(rest.headers)
    if (key !== null) headers.set('x-api-key', key)
    headers.set('x-api-version', '1.0')
    if (rest.body !== undefined) headers.set('content-type', 'application/json')
    return fetch(`${ctx.sim.baseUrl}${path}`, { ...rest, headers })
  }
  return { ctx, call }
}

/** The documented problem an error answer carries. */
export async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toContain('application/problem+json')
  return documentedErrors.spotgoProblem.parse(await response.json())
}
