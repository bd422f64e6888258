/**
 * Crego's wire format: staff login and refresh, documents with their files, shares, the paged
 * envelope and the framework's error bodies. Crego documents the share call with an example
 * (request and answer, `doc:`); the other shapes follow the service's patterns (`assumed:`).
 * Documents and shares are read tolerantly (`../tolerant.ts`): one is refused only when its id,
 * or what its list needs (its creation time; a share's token and expiry), cannot be read; any
 * other field that is not as expected reads as unknown and is reported.
 */
import { z } from 'zod'
import { documented, tolerant, tolerantNumber } from '../tolerant'

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

/** A file of a document (assumed shape); one without a readable id is left out. */
export const CregoFile = documented({
  id: z.string().min(1),
  name: tolerant(z.string()),
  /** Bytes. */
  size: tolerantNumber(z.number().int().min(0)),
  content_type: tolerant(z.string()),
})
export type CregoFile = z.output<typeof CregoFile>

/** One document (assumed shape). */
export const CregoDocument = documented({
  /** The floor: Crego's id (a ULID). */
  id: z.string().min(1),
  name: tolerant(z.string()),
  category: tolerant(z.string()),
  tags: tolerant(z.array(tolerant(z.string()))),
  /** assumed: pending, approved, rejected, inactive; another word reads as unknown. */
  status: tolerant(z.enum(cregoDocumentStatuses)),
  files: tolerant(z.array(tolerant(CregoFile))),
  /** The floor: lists are newest first. */
  created_at: Instant,
  updated_at: tolerant(Instant),
})
export type CregoDocument = z.output<typeof CregoDocument>

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

/**
 * A share (doc, the answer to `POST /documents/{document_id}/shares/`):
 * `{"id": "01JQ8TAZ1YRXT3JP01DP9NY0FH", "tenant_id": "23067dbc-...", "created_by": "6da08401-...",
 * "updated_by": "", "created_at": "2025-03-26T14:20:38.277978Z", "updated_at":
 * "2025-03-26T14:20:38.278006Z", "expires_at": "2025-04-01T11:08:35.000000Z", "token":
 * "fe159e37-...", "document": "01JQ8MZ0P94HR6HSH1DGY5VNH9"}`: microsecond times, an empty
 * `updated_by` until someone changes it.
 */
export const CregoShare = documented({
  /** The floor: Crego's id (a ULID). */
  id: z.string().min(1),
  tenant_id: tolerant(z.string()),
  created_by: tolerant(z.string()),
  /** doc: "" until the share is changed. */
  updated_by: tolerant(z.string()),
  /** The floor: the history lists links newest first. */
  created_at: Instant,
  updated_at: tolerant(Instant),
  /** The floor: when the link stops working. */
  expires_at: Instant,
  /** The floor, opaque: never parse it. */
  token: z.string().min(1),
  /** The shared document's id. */
  document: tolerant(z.string().min(1)),
})
export type CregoShare = z.output<typeof CregoShare>

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
