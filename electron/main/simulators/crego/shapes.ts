/**
 * Crego's Document APIs as their documentation describes them, for the simulator: documents with
 * their files (the service's pattern), shares (documented: `{id, tenant_id, created_by,
 * updated_by, created_at, updated_at, expires_at, token, document}`, times with microseconds,
 * `updated_by` empty until someone changes the share), the paged envelope, the staff login and
 * the bodies it accepts. Written from the documentation on its own: the simulator is a second
 * opinion on Crego, not a copy of the app's client.
 */
import { z } from 'zod'

export const documentStatuses = ['pending', 'approved', 'rejected', 'inactive'] as const
export type DocumentStatus = (typeof documentStatuses)[number]
/** Category slugs the sandbox tenant has. */
export const categories = ['cmr', 'invoice', 'pod', 'other'] as const
/** The largest `page_size`. */
export const maxPageSize = 100

export interface DocumentFile {
  id: string
  name: string
  /** Bytes. */
  size: number
  content_type: string
}

export interface Document {
  id: string
  name: string
  category: string
  tags: string[]
  status: DocumentStatus
  files: DocumentFile[]
  created_at: string
  updated_at: string
}

export interface Share {
  id: string
  tenant_id: string
  created_by: string
  /** "" until the share is changed. */
  updated_by: string
  created_at: string
  updated_at: string
  expires_at: string
  token: string
  document: string
}

export interface User {
  id: string
  username: string
  email: string
  first_name: string
  last_name: string
  tenant_id: string
}

/**
 * An instant as Django writes it: UTC with microseconds, "2025-03-26T14:20:38.277978Z" (the
 * microseconds past the millisecond are zero here).
 */
export function djangoInstant(instant: number): string {
  return new Date(instant).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')
}

// ---------------------------------------------------------------------------------------------
// What the simulator accepts.

export const LoginBody = z.object({
  username: z.string().min(1),
  password: z.string().min(1),
  type: z.literal('staff'),
})

export const RefreshBody = z.object({ refresh: z.string().min(1) })

const documentName = z.string().trim().min(1).max(255)
const tags = z.array(z.string().trim().min(1).max(100)).max(50)

export const DocumentCreateBody = z.object({
  name: documentName,
  category: z.enum(categories),
  tags: tags.optional(),
})

export const DocumentChangeBody = z.object({
  name: documentName.optional(),
  category: z.enum(categories).optional(),
  tags: tags.optional(),
  status: z.enum(documentStatuses).optional(),
})

/** doc: `{"expires_at": "2025-08-01T05:38:35+00:00"}` (ISO-8601, required, in the future). */
export const ShareBody = z.object({ expires_at: z.iso.datetime({ offset: true }) })
