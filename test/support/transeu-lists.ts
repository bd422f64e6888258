/**
 * Reading the Trans.eu simulator's lists over HTTP the way the documentation describes them,
 * independently of the app's client: the documented shapes, statuses and paths.
 */
import { beforeAll, expect } from 'vitest'
import { z } from 'zod'
import type { DraftBody } from '../../electron/main/simulators/transeu/shapes'
import {
  documentedErrors,
  flattenedValidationMessages,
  transeuDocumented,
} from './documented-shapes'
import { transeuSimulator, type TranseuSimulator } from './simulators'
import { dataCall, signIn } from './transeu-sign-in'

export type TranseuListName = 'freights' | 'accepted' | 'archive'
export type TranseuFreightDraftInput = z.input<typeof DraftBody>
export type TranseuFreightListItem = z.infer<typeof transeuDocumented.listItem> & {
  archived_at?: string
}
/** The statuses each list holds (the documentation's list descriptions). */
export const transeuLists: Record<TranseuListName, string[]> = {
  freights: ['new', 'in_progress', 'unsuccessful_publication', 'waiting_for_publication'],
  accepted: ['accepted'],
  archive: ['closed'],
}
export const transeuPageSize = 30
export const TranseuFreightDetail = transeuDocumented.detail
/** A list page read with the documented shape (the archive's items add `archived_at`). */
export const listPage = (list: TranseuListName) =>
  z.array(list === 'archive' ? transeuDocumented.archiveItem : transeuDocumented.listItem)
export const TranseuFreightSelection = z.array(z.record(z.string(), z.unknown()))
export const TranseuApiProblem = documentedErrors.transeuProblem.transform((problem) => ({
  ...problem,
  validation_messages: flattenedValidationMessages(problem.validation_messages),
}))

/**
 * Starts, for the file, a Trans.eu simulator of 200 freights and signs in to it; answers its
 * lists' pages read with the documented shapes.
 */
export function useTranseuLists() {
  const ctx = {} as { sim: TranseuSimulator; token: string }
  beforeAll(async () => {
    ctx.sim = await transeuSimulator({
      seed: 11,
      now: '2026-03-02T09:00:00Z',
      freights: 200,
      rateLimits: {
        data: { limit: 10_000, windowMs: 1000 },
        token: { limit: 100, windowMs: 1000 },
      },
    })
    ctx.token = (await signIn(ctx.sim)).access_token
  })
  return {
    ctx,
    page: (list: TranseuListName, modifiers: Record<string, unknown> = {}) =>
      page(ctx, list, modifiers),
    all: (list: TranseuListName, modifiers: Record<string, unknown> = {}) =>
      all(ctx, list, modifiers),
    problem: (list: TranseuListName, modifiers: Record<string, unknown> | string) =>
      problem(ctx, list, modifiers),
  }
}

type Ctx = { sim: TranseuSimulator; token: string }

export const paths: Record<TranseuListName, string> = {
  freights: '/ext/freights-api/v1/freights',
  accepted: '/ext/freights-api/v1/accepted',
  archive: '/ext/freights-api/v1/archive',
}

export function listUrl(list: TranseuListName, modifiers: Record<string, unknown> = {}): string {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(modifiers)) {
    query.set(
      key,
      typeof value === 'string' || typeof value === 'number'
        ? String(value)
        : JSON.stringify(value),
    )
  }
  const text = query.toString()
  return `${paths[list]}${text ? `?${text}` : ''}`
}

async function page(ctx: Ctx, list: TranseuListName, modifiers: Record<string, unknown> = {}) {
  const response = await dataCall(ctx.sim, listUrl(list, modifiers), ctx.token)
  expect(response.status).toBe(200)
  return listPage(list).parse(await response.json()) as TranseuFreightListItem[]
}

/** Reads pages until one has fewer than 30 items, as the docs say a client must. */
async function all(ctx: Ctx, list: TranseuListName, modifiers: Record<string, unknown> = {}) {
  const items: TranseuFreightListItem[] = []
  for (let number = 1; ; number++) {
    const items_ = await page(ctx, list, { ...modifiers, page: number })
    expect(items_.length).toBeLessThanOrEqual(transeuPageSize)
    items.push(...items_)
    if (items_.length < transeuPageSize) return items
  }
}

async function problem(
  ctx: Ctx,
  list: TranseuListName,
  modifiers: Record<string, unknown> | string,
) {
  const url =
    typeof modifiers === 'string' ? `${paths[list]}?${modifiers}` : listUrl(list, modifiers)
  const response = await dataCall(ctx.sim, url, ctx.token)
  expect(response.status).toBe(422)
  const raw = (await response.json()) as Record<string, unknown>
  return { raw, parsed: TranseuApiProblem.parse(raw) }
}
