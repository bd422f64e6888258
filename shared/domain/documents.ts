/**
 * Documents (CMR, invoices, POD scans, ...) and their expiring public share links, as the app
 * shows them. Produced by the Crego mapper; the share link is already the full public URL.
 */
import { z } from 'zod'
import { Instant } from './time'

export const documentProviders = ['crego'] as const
export const DocumentProvider = z.enum(documentProviders)
export type DocumentProvider = z.infer<typeof DocumentProvider>

/** `unknown`: Crego sent a status Freightdesk does not know. */
export const documentStatuses = ['pending', 'approved', 'rejected', 'inactive', 'unknown'] as const
export const DocumentStatus = z.enum(documentStatuses)
export type DocumentStatus = z.infer<typeof DocumentStatus>

export const DocumentFile = z.object({
  /** The provider's id of the file. */
  id: z.string().min(1).max(100),
  name: z.string().max(255),
  /** Bytes. */
  size: z.number().int().nonnegative(),
  contentType: z.string().max(200),
})
export type DocumentFile = z.infer<typeof DocumentFile>

export const ProviderDocument = z.object({
  provider: DocumentProvider,
  providerId: z.string().min(1).max(100),
  name: z.string().max(255),
  /** The provider's category slug (cmr, invoice, pod, other, ...). */
  category: z.string().max(100),
  tags: z.array(z.string().max(100)).max(50),
  status: DocumentStatus,
  files: z.array(DocumentFile).max(500),
  createdAt: Instant,
  updatedAt: Instant,
})
export type ProviderDocument = z.infer<typeof ProviderDocument>

/** An expiring public link to one document. */
export const DocumentShare = z.object({
  provider: DocumentProvider,
  /** The provider's id of the share. */
  providerId: z.string().min(1).max(100),
  documentId: z.string().min(1).max(100),
  /** What a recipient opens, no sign-in needed: the account's share-link base plus the token. */
  url: z.url(),
  expiresAt: Instant,
  createdAt: Instant,
  updatedAt: Instant,
})
export type DocumentShare = z.infer<typeof DocumentShare>
