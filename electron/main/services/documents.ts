/**
 * Crego documents: listed from the provider when it answers (and kept in the cache), from the
 * cache when it does not, with a notice saying so; one document with its share links; and the
 * documents of a freight, found by the freight's references among the documents' tags.
 */
import { providerLabels } from '@shared/domain/account'
import type { ProviderDocument } from '@shared/domain/documents'
import type {
  CachedDocument,
  DocumentDetail,
  DocumentList,
  DocumentShareEntry,
  FreightDocuments,
} from '@shared/domain/shares'
import { appError, type AppError } from '@shared/errors'
import type { Cache } from '../cache'
import type { StoredAccount } from '../cache/account-store'
import type { Logger } from '../log'
import { toAppError } from '../providers/errors'
import type { AccountsService } from './accounts'
import type { SharesService } from './shares'

/** Documents listed at once; more means "narrow the search". */
export const documentListLimit = 100

/** Failures after which the cached copy is shown instead of an error. */
const fallbackCodes = new Set<AppError['code']>([
  'offline',
  'auth_required',
  'provider_error',
  'rate_limited',
  'internal',
])

export interface DocumentsServiceOptions {
  cache: Cache
  accounts: AccountsService
  shares: SharesService
  log: Logger
  now?: () => Date
}

export interface DocumentsService {
  list(input: { accountId: string; reference?: string; text?: string }): Promise<DocumentList>
  get(input: { accountId: string; documentId: string }): Promise<DocumentDetail>
  forFreight(freightId: number): Promise<FreightDocuments>
}

export function createDocumentsService(options: DocumentsServiceOptions): DocumentsService {
  const { cache, accounts, shares, log } = options
  const now = options.now ?? (() => new Date())

  function cregoAccount(id: string): StoredAccount {
    const account = cache.accounts.get(id)
    if (!account) {
      throw appError('not_found', 'This account no longer exists. Pick another account.', {
        fields: { accountId: 'No such account' },
      })
    }
    if (account.provider !== 'crego') {
      throw appError(
        'validation',
        `${account.name} is a ${providerLabels[account.provider]} account; documents come from Crego accounts.`,
        { fields: { accountId: 'Must be a Crego account' } },
      )
    }
    return account
  }

  async function cregoClient(accountId: string) {
    const ready = await accounts.clientFor(accountId)
    if (ready.provider !== 'crego') throw new Error('expected a Crego client')
    return ready
  }

  /** The error, or null when the cache should answer instead (the account learns either way). */
  function fallbackOf(caught: unknown, accountId: string): AppError {
    const error = toAppError(caught, 'crego')
    accounts.recordOutcome(accountId, error)
    if (!fallbackCodes.has(error.code)) throw caught
    log.info('showing cached Crego documents', { accountId, code: error.code })
    return error
  }

  const cachedNotice = (error: AppError) =>
    `${error.message} Showing the documents saved on this computer, as last read from Crego.`

  function withAccount(
    account: StoredAccount,
    documents: readonly ProviderDocument[],
    fetchedAt: string,
  ): CachedDocument[] {
    return documents.map((document) => ({
      ...document,
      accountId: account.id,
      accountName: account.name,
      fetchedAt,
    }))
  }

  return {
    async list(input) {
      const account = cregoAccount(input.accountId)
      const reference = input.reference || undefined
      const text = input.text || undefined
      try {
        const ready = await cregoClient(account.id)
        const page = await ready.client.documentsPage(
          { ...(reference ? { tags: [reference] } : {}), ...(text ? { search: text } : {}) },
          1,
          documentListLimit,
        )
        const fetchedAt = now().toISOString()
        cache.documents.upsert(account.id, page.items, fetchedAt)
        accounts.recordOutcome(account.id, null)
        return {
          documents: withAccount(account, page.items, fetchedAt),
          source: 'provider',
          notice: null,
          more: page.hasNext,
        }
      } catch (caught) {
        const error = fallbackOf(caught, account.id)
        const documents = cache.documents.list(account.id, {
          ...(reference ? { reference } : {}),
          ...(text ? { text } : {}),
          limit: documentListLimit + 1,
        })
        return {
          documents: documents.slice(0, documentListLimit),
          source: 'cache',
          notice: cachedNotice(error),
          more: documents.length > documentListLimit,
        }
      }
    },

    async get(input) {
      const account = cregoAccount(input.accountId)
      const at = now()
      const history = (providerShareId: string) =>
        cache.shares.byProviderShare(account.id, providerShareId)
      /** The links of this document made from this app, as the history keeps them. */
      const madeHere = () =>
        cache.shares
          .list({
            state: 'all',
            now: at.toISOString(),
            accountId: account.id,
            documentId: input.documentId,
          })
          .filter((share) => share.providerShareId !== null)
          .map((share): DocumentShareEntry => ({
            provider: 'crego',
            providerId: share.providerShareId!,
            documentId: input.documentId,
            url: share.url,
            expiresAt: share.expiresAt,
            createdAt: share.createdAt,
            updatedAt: share.createdAt,
            shareId: share.id,
            state: shares.stateOf(share, at),
          }))
      try {
        const ready = await cregoClient(account.id)
        const document = await ready.client.document(input.documentId)
        const providerShares = await ready.client.allShares(input.documentId)
        const fetchedAt = at.toISOString()
        cache.documents.upsert(account.id, [document], fetchedAt)
        accounts.recordOutcome(account.id, null)
        const entries: DocumentShareEntry[] = providerShares.map((share) => {
          const known = history(share.providerId)
          // The provider's expiry is the truth; the history follows it.
          if (known && known.expiresAt !== share.expiresAt) {
            cache.shares.setExpiry(known.id, share.expiresAt)
          }
          return {
            ...share,
            shareId: known?.id ?? null,
            // Revoked here: the provider may still list it, but it no longer opens.
            state: shares.stateOf(
              { revokedAt: known?.revokedAt ?? null, expiresAt: share.expiresAt },
              at,
            ),
          }
        })
        // A link revoked here that the provider no longer lists stays in the list, as revoked.
        const listed = new Set(entries.map((entry) => entry.providerId))
        const revoked = madeHere().filter(
          (entry) => entry.state === 'revoked' && !listed.has(entry.providerId),
        )
        return {
          document: withAccount(account, [document], fetchedAt)[0]!,
          shares: sortShares([...entries, ...revoked]),
          source: 'provider',
          notice: null,
        }
      } catch (caught) {
        const error = fallbackOf(caught, account.id)
        const cached = cache.documents.get(account.id, input.documentId)
        if (!cached) {
          throw appError(
            error.code,
            `${error.message} This document is not saved on this computer yet, so it cannot be shown offline.`,
            { provider: 'crego' },
          )
        }
        const entries = madeHere()
        return {
          document: cached,
          shares: sortShares(entries),
          source: 'cache',
          notice: `${error.message} Showing the copy saved on this computer and the links made from this app.`,
        }
      }
    },

    async forFreight(freightId) {
      const freight = cache.freights.get(freightId)?.freight
      if (!freight) {
        throw appError('not_found', 'This freight is no longer in the offline cache.', {
          fields: { freightId: 'Not in the cache' },
        })
      }
      const references = [
        ...new Set(
          [freight.externalNumber, freight.reference]
            .map((reference) => reference?.trim() ?? '')
            .filter((reference) => reference.length > 0),
        ),
      ]
      let failed: AppError | null = null
      if (references.length > 0) {
        const crego = cache.accounts.list().filter((account) => account.provider === 'crego')
        await Promise.all(
          crego.map(async (account) => {
            try {
              const ready = await cregoClient(account.id)
              for (const reference of references) {
                const page = await ready.client.documentsPage(
                  { tags: [reference] },
                  1,
                  documentListLimit,
                )
                cache.documents.upsert(account.id, page.items, now().toISOString())
              }
              accounts.recordOutcome(account.id, null)
            } catch (caught) {
              failed ??= fallbackOf(caught, account.id)
            }
          }),
        )
      }
      const failure = failed as AppError | null
      return {
        references,
        documents: cache.documents.byReferences(references, documentListLimit),
        source: failure ? 'cache' : 'provider',
        notice: failure ? cachedNotice(failure) : null,
      }
    },
  }
}

/** Links that still work first, then by expiry, latest first. */
function sortShares(entries: DocumentShareEntry[]): DocumentShareEntry[] {
  return entries.sort(
    (a, b) =>
      Number(a.state !== 'active') - Number(b.state !== 'active') ||
      b.expiresAt.localeCompare(a.expiresAt),
  )
}
