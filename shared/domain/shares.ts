/**
 * Expiring share links made from this app (SpotGo freights, Crego documents), the share history,
 * and the Crego documents cached for offline listing. Links are made by the provider; the app only
 * remembers them, copies them and, where the provider allows, extends or revokes them.
 */
import { z } from 'zod'
import { isLoopbackHttpUrl, isHttpsUrl } from '../urls'
import { Email } from './account'
import { DocumentShare, ProviderDocument } from './documents'
import { AccountId, FreightId } from './freight'
import { Instant } from './time'

export const shareProviders = ['spotgo', 'crego'] as const
export const ShareProvider = z.enum(shareProviders)
export type ShareProvider = z.infer<typeof ShareProvider>

export const ShareKind = z.enum(['freights', 'document'])
export type ShareKind = z.infer<typeof ShareKind>

/** Computed from the expiry and revocation at the time of asking; expired links are kept. */
export const shareStates = ['active', 'expired', 'revoked'] as const
export const ShareState = z.enum(shareStates)
export type ShareState = z.infer<typeof ShareState>

const hourMs = 3_600_000

export const shareExpiryPresets = ['1h', '2h', '8h', '24h', '7d'] as const
export const ShareExpiryPreset = z.enum(shareExpiryPresets)
export type ShareExpiryPreset = z.infer<typeof ShareExpiryPreset>

export const shareExpiryPresetMs: Readonly<Record<ShareExpiryPreset, number>> = {
  '1h': hourMs,
  '2h': 2 * hourMs,
  '8h': 8 * hourMs,
  '24h': 24 * hourMs,
  '7d': 7 * 24 * hourMs,
}

export const shareExpiryPresetLabels: Readonly<Record<ShareExpiryPreset, string>> = {
  '1h': '1 hour',
  '2h': '2 hours',
  '8h': '8 hours',
  '24h': '24 hours',
  '7d': '7 days',
}

/** The longest custom expiry the app accepts; the provider may allow less (SpotGo: 30 days). */
export const maxCustomExpiryDays = 365

/** How long a freight link lives: a preset, or days, hours and minutes. */
export const ShareExpiry = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('preset'), preset: ShareExpiryPreset }),
  z
    .strictObject({
      kind: z.literal('custom'),
      days: z.number().int().min(0).max(maxCustomExpiryDays),
      hours: z.number().int().min(0, 'Hours: 0 to 23').max(23, 'Hours: 0 to 23'),
      minutes: z.number().int().min(0, 'Minutes: 0 to 59').max(59, 'Minutes: 0 to 59'),
    })
    .refine((custom) => custom.days + custom.hours + custom.minutes > 0, {
      message: 'The link must live at least one minute',
    }),
])
export type ShareExpiry = z.infer<typeof ShareExpiry>

/** The lifetime of a link in milliseconds. */
export function shareExpiryMs(expiry: ShareExpiry): number {
  if (expiry.kind === 'preset') return shareExpiryPresetMs[expiry.preset]
  return ((expiry.days * 24 + expiry.hours) * 60 + expiry.minutes) * 60_000
}

/** An address a share link may have: https, or http on 127.0.0.1 (the provider simulators). */
export const ShareUrl = z
  .string()
  .max(2000)
  .refine((url) => isHttpsUrl(url) || isLoopbackHttpUrl(url), 'Must be an https:// address')

/** One freight in a freight link, as it was when the link was made. */
export const SharedFreight = z.object({
  /** The cached freight's local id; null when the cache no longer has it. */
  freightId: FreightId.nullable(),
  providerId: z.string().min(1).max(100),
  reference: z.string().max(200).nullable(),
})
export type SharedFreight = z.infer<typeof SharedFreight>

export const SharedDocument = z.object({
  providerId: z.string().min(1).max(100),
  title: z.string().max(255),
})
export type SharedDocument = z.infer<typeof SharedDocument>

/** A link in the share history. */
export const Share = z.object({
  /** The app's own id of the link. */
  id: z.string().min(1).max(100),
  accountId: AccountId,
  accountName: z.string(),
  provider: ShareProvider,
  kind: ShareKind,
  /** Freight links: what they show (empty for document links). */
  freights: z.array(SharedFreight),
  document: SharedDocument.nullable(),
  url: ShareUrl,
  createdAt: Instant,
  expiresAt: Instant,
  revokedAt: Instant.nullable(),
  /** The provider's id of the share, where it has one (Crego); SpotGo links have none. */
  providerShareId: z.string().max(100).nullable(),
  state: ShareState,
  /** Whether the provider lets the app move the expiry and revoke the link (Crego: yes). */
  canChange: z.boolean(),
})
export type Share = z.infer<typeof Share>

const freightIdList = z
  .array(FreightId)
  .min(1, 'Choose at least one freight')
  .max(100, 'One link can show at most 100 freights')
  .refine((ids) => new Set(ids).size === ids.length, 'Must not repeat a freight')

export const CreateFreightLinkInput = z.strictObject({
  accountId: AccountId,
  freightIds: freightIdList,
  expiry: ShareExpiry,
  /** The SpotGo user the link belongs to; the account's owner e-mail by default. */
  ownerEmail: Email,
})
export type CreateFreightLinkInput = z.infer<typeof CreateFreightLinkInput>

export const DocumentProviderId = z.string().trim().min(1).max(100)

export const CreateDocumentLinkInput = z.strictObject({
  accountId: AccountId,
  documentId: DocumentProviderId,
  expiresAt: Instant,
})
export type CreateDocumentLinkInput = z.infer<typeof CreateDocumentLinkInput>

export const ShareStateFilter = z.enum(['all', ...shareStates])
export type ShareStateFilter = z.infer<typeof ShareStateFilter>

export const ListSharesInput = z
  .strictObject({
    state: ShareStateFilter.default('all'),
    accountId: AccountId.optional(),
    documentId: DocumentProviderId.optional(),
    /** Freight links that show this cached freight (among others, perhaps). */
    freightId: FreightId.optional(),
  })
  .default({ state: 'all' })
export type ListSharesInput = z.infer<typeof ListSharesInput>

export const ShareId = z.string().trim().min(1).max(100)

export const ShareRef = z.strictObject({ shareId: ShareId })

/** A link of the history was made, extended or revoked: lists of links should reload. */
export const SharesChanged = z.object({
  reason: z.enum(['created', 'extended', 'revoked']),
  shareId: ShareId,
  kind: ShareKind,
  /** Freight links: the cached freights it shows; empty for document links. */
  freightIds: z.array(FreightId),
  /** Document links: the account and the provider's document id. */
  document: z.object({ accountId: AccountId, documentId: DocumentProviderId }).nullable(),
})
export type SharesChanged = z.infer<typeof SharesChanged>

export const ExtendShareInput = z.strictObject({ shareId: ShareId, expiresAt: Instant })

/** Copy a link of the history, or any link address the page shows. */
export const CopyShareInput = z.union([
  z.strictObject({ shareId: ShareId }),
  z.strictObject({ url: ShareUrl }),
])

export const CopyResult = z.object({
  /** False where the shell has no clipboard. */
  copied: z.boolean(),
  url: z.string(),
})

/** A Crego document as the cache keeps it, with the account it came from. */
export const CachedDocument = ProviderDocument.extend({
  accountId: AccountId,
  accountName: z.string(),
  /** When the app last read it from the provider. */
  fetchedAt: Instant,
})
export type CachedDocument = z.infer<typeof CachedDocument>

/** `provider`: read just now; `cache`: the provider could not be reached, so the cached copy. */
export const DocumentSource = z.enum(['provider', 'cache'])
export type DocumentSource = z.infer<typeof DocumentSource>

export const ListDocumentsInput = z.strictObject({
  accountId: AccountId,
  /** A freight reference: documents tagged with it. */
  reference: z.string().trim().max(200).optional(),
  /** Text in the name or the tags. */
  text: z.string().trim().max(200).optional(),
})

export const DocumentList = z.object({
  documents: z.array(CachedDocument),
  source: DocumentSource,
  /** Why the cached copy is shown, when it is. */
  notice: z.string().nullable(),
  /** More documents match than are listed: narrow the search. */
  more: z.boolean(),
})
export type DocumentList = z.infer<typeof DocumentList>

export const DocumentRef = z.strictObject({ accountId: AccountId, documentId: DocumentProviderId })

/** A share of a document as the provider lists it, with its history entry when it has one. */
export const DocumentShareEntry = DocumentShare.extend({
  url: ShareUrl,
  /** The history id when the link was made from this app. */
  shareId: z.string().nullable(),
  state: ShareState,
})
export type DocumentShareEntry = z.infer<typeof DocumentShareEntry>

export const DocumentDetail = z.object({
  document: CachedDocument,
  shares: z.array(DocumentShareEntry),
  source: DocumentSource,
  notice: z.string().nullable(),
})
export type DocumentDetail = z.infer<typeof DocumentDetail>

export const FreightDocumentsInput = z.strictObject({ freightId: FreightId })

export const FreightDocuments = z.object({
  /** The freight's references the documents were matched on. */
  references: z.array(z.string()),
  documents: z.array(CachedDocument),
  source: DocumentSource,
  notice: z.string().nullable(),
})
export type FreightDocuments = z.infer<typeof FreightDocuments>
