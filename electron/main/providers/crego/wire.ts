/**
 * Crego's wire format (../shared/providers/crego.md): staff login and refresh, documents with their
 * files, shares, the paged envelope and the framework's error bodies. Shapes marked "assumed"
 * follow the page's assumptions.
 */
import { z } from 'zod'

/** Crego ids are ULIDs: 26 characters of Crockford base 32. */
export const CregoId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Not a Crego id.')
const Instant = z.iso.datetime({ offset: true })

export const cregoDocumentStatuses = ['pending', 'approved', 'rejected', 'inactive'] as const
/** Category slugs the sandbox tenant has (assumed). */
export const cregoCategories = ['cmr', 'invoice', 'pod', 'other'] as const
/** Largest `page_size` (assumed). */
export const cregoMaxPageSize = 100

export const CregoLoginRequest = z.object({
  username: z.string().min(1),
  password: z.string().min(1),
  type: z.literal('staff'),
})
export type CregoLoginRequest = z.infer<typeof CregoLoginRequest>

export const CregoUser = z.looseObject({
  id: z.string(),
  username: z.string(),
  email: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  tenant_id: z.string(),
})
export type CregoUser = z.infer<typeof CregoUser>

export const CregoLoginResponse = z.object({
  access: z.string().min(1),
  refresh: z.string().min(1),
  /** Seconds the access token lives (900). */
  expires_in: z.number().int().positive(),
  token_type: z.string(),
  user: CregoUser,
})
export type CregoLoginResponse = z.infer<typeof CregoLoginResponse>

export const CregoRefreshRequest = z.object({ refresh: z.string().min(1) })
export type CregoRefreshRequest = z.infer<typeof CregoRefreshRequest>

/** Assumed: the login answer without the user; the refresh token rotates. */
export const CregoRefreshResponse = CregoLoginResponse.omit({ user: true })
export type CregoRefreshResponse = z.infer<typeof CregoRefreshResponse>

export const CregoFile = z.object({
  id: CregoId,
  name: z.string(),
  /** Bytes. */
  size: z.number().int().min(0),
  content_type: z.string(),
})
export type CregoFile = z.infer<typeof CregoFile>

export const CregoDocument = z.object({
  id: CregoId,
  name: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  status: z.enum(cregoDocumentStatuses),
  files: z.array(CregoFile),
  created_at: Instant,
  updated_at: Instant,
})
export type CregoDocument = z.infer<typeof CregoDocument>

const DocumentName = z.string().trim().min(1).max(255)
const Category = z.enum(cregoCategories)
const Tags = z.array(z.string().trim().min(1).max(100)).max(50)

export const CregoDocumentCreate = z.object({
  name: DocumentName,
  category: Category,
  tags: Tags.optional(),
})
export type CregoDocumentCreate = z.infer<typeof CregoDocumentCreate>

export const CregoDocumentUpdate = z.object({
  name: DocumentName.optional(),
  category: Category.optional(),
  tags: Tags.optional(),
  status: z.enum(cregoDocumentStatuses).optional(),
})
export type CregoDocumentUpdate = z.infer<typeof CregoDocumentUpdate>

export const CregoShare = z.object({
  id: CregoId,
  tenant_id: z.string(),
  created_by: z.string(),
  updated_by: z.string(),
  created_at: Instant,
  updated_at: Instant,
  expires_at: Instant,
  /** Opaque: never parse it. */
  token: z.string().min(1),
  /** The shared document's id. */
  document: CregoId,
})
export type CregoShare = z.infer<typeof CregoShare>

/** Body of share create and update: the expiry (must be in the future). */
export const CregoShareWrite = z.object({ expires_at: Instant })
export type CregoShareWrite = z.infer<typeof CregoShareWrite>

/** The paged envelope around `results`. */
export function CregoPage<Item extends z.ZodType>(item: Item) {
  return z.object({
    count: z.number().int().min(0),
    total_pages: z.number().int().min(0),
    current_page: z.number().int().min(1),
    has_previous: z.boolean(),
    has_next: z.boolean(),
    previous_page: z.number().int().nullable(),
    next_page: z.number().int().nullable(),
    results: z.array(item),
  })
}
export type CregoPage<Item> = z.infer<ReturnType<typeof CregoPage<z.ZodType<Item>>>>

/** 401, 403, 404 and similar: `{"detail": "..."}`. */
export const CregoErrorDetail = z.looseObject({ detail: z.string(), code: z.string().optional() })
export type CregoErrorDetail = z.infer<typeof CregoErrorDetail>

/** 400: `{"field": ["message", ...]}`. */
export const CregoFieldErrors = z.record(z.string(), z.array(z.string()))
export type CregoFieldErrors = z.infer<typeof CregoFieldErrors>
