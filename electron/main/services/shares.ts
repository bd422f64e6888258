/**
 * Share links: SpotGo freight links and Crego document links, made by the provider and only then
 * stored in the share history; extending and revoking (Crego), copying to the clipboard (through
 * the shell's port) and the history itself. A refused or failed call stores nothing.
 */
import { randomUUID } from 'node:crypto'
import { providerLabels } from '@shared/domain/account'
import type { DocumentShare } from '@shared/domain/documents'
import type { Freight } from '@shared/domain/freight'
import {
  type CreateDocumentLinkInput,
  type CreateFreightLinkInput,
  type ListSharesInput,
  type Share,
  type ShareProvider,
  type SharesChanged,
  type ShareState,
} from '@shared/domain/shares'
import { appError, AppErrorException } from '@shared/errors'
import { isHttpsUrl, isLoopbackHttpUrl } from '@shared/urls'
import type { Cache } from '../cache'
import type { StoredAccount } from '../cache/account-store'
import type { StoredShare } from '../cache/share-store'
import type { EventHub } from '../events/event-hub'
import type { Logger } from '../log'
import { toAppError } from '../providers/errors'
import type { AccountsService } from './accounts'
import type { AccountClient } from './accounts/provider-gateway'
import { expiryTimeSpan } from './share-expiry'

/** What the clipboard receives: the link as text, and as an HTML link for rich editors. */
export interface ClipboardContent {
  text: string
  html: string
}

/** The shell's clipboard (Electron's, or the web host's stand-in that tests read back). */
export type WriteClipboard = (content: ClipboardContent) => void | Promise<void>

export interface SharesServiceOptions {
  cache: Cache
  accounts: AccountsService
  log: Logger
  /** Hears `shares.changed` whenever a link is made, extended or revoked. */
  events?: EventHub
  writeClipboard?: WriteClipboard
  now?: () => Date
}

export interface SharesService {
  createFreightLink(input: CreateFreightLinkInput): Promise<Share>
  createDocumentLink(input: CreateDocumentLinkInput): Promise<Share>
  list(filter: ListSharesInput): Share[]
  extend(input: { shareId: string; expiresAt: string }): Promise<Share>
  revoke(shareId: string): Promise<Share>
  copy(input: { shareId: string } | { url: string }): Promise<{ copied: boolean; url: string }>
  /** The state of a link at `at` (revoked wins over expired). */
  stateOf(share: Pick<StoredShare, 'revokedAt' | 'expiresAt'>, at?: Date): ShareState
}

/** Provider field names to the fields of the app's forms, by provider. */
const formFields: Record<ShareProvider, Record<string, string>> = {
  spotgo: { urlExpirationTime: 'expiry', ownerEmail: 'ownerEmail', freightIds: 'freightIds' },
  crego: { expires_at: 'expiresAt', document: 'documentId' },
}

export function createSharesService(options: SharesServiceOptions): SharesService {
  const { cache, accounts, log } = options
  const now = options.now ?? (() => new Date())

  function stateOf(share: Pick<StoredShare, 'revokedAt' | 'expiresAt'>, at = now()): ShareState {
    if (share.revokedAt !== null) return 'revoked'
    return Date.parse(share.expiresAt) <= at.getTime() ? 'expired' : 'active'
  }

  function announce(reason: SharesChanged['reason'], share: StoredShare): void {
    options.events?.emit('shares.changed', {
      reason,
      shareId: share.id,
      kind: share.kind,
      freightIds: share.freights.flatMap((freight) =>
        freight.freightId === null ? [] : [freight.freightId],
      ),
      document: share.document
        ? { accountId: share.accountId, documentId: share.document.providerId }
        : null,
    })
  }

  function present(share: StoredShare, at = now()): Share {
    return { ...share, state: stateOf(share, at), canChange: share.provider === 'crego' }
  }

  function account(id: string, provider: 'spotgo' | 'crego'): StoredAccount {
    const found = cache.accounts.get(id)
    if (!found) {
      throw appError('not_found', 'This account no longer exists. Pick another account.', {
        fields: { accountId: 'No such account' },
      })
    }
    if (found.provider !== provider) {
      throw appError(
        'validation',
        provider === 'spotgo'
          ? `${found.name} is a ${providerLabels[found.provider]} account; freight links are made with a SpotGo account.`
          : `${found.name} is a ${providerLabels[found.provider]} account; document links are made with a Crego account.`,
        { fields: { accountId: `Must be a ${providerLabels[provider]} account` } },
      )
    }
    return found
  }

  async function readyClient<P extends AccountClient['provider']>(
    accountId: string,
    provider: P,
  ): Promise<Extract<AccountClient, { provider: P }>> {
    const ready = await accounts.clientFor(accountId)
    if (ready.provider !== provider) throw new Error(`expected a ${provider} client`)
    return ready as Extract<AccountClient, { provider: P }>
  }

  /**
   * What a failed provider call becomes: the account learns the outcome; offline says that a link
   * needs the provider; the provider's field errors are named by the form's fields.
   */
  function failure(
    caught: unknown,
    provider: ShareProvider,
    accountId: string,
    action: string,
  ): AppErrorException {
    const error = toAppError(caught, provider)
    accounts.recordOutcome(accountId, error)
    const label = providerLabels[provider]
    log.info(`could not ${action}`, { accountId, provider, code: error.code })
    if (error.code === 'offline') {
      return appError(
        'offline',
        `${label} could not be reached. Share links are made and changed by ${label}, so this needs a connection to it: check the network and try again. Nothing was changed.`,
        { provider },
        caught,
      )
    }
    if (!error.fields) return new AppErrorException(error, { cause: caught })
    return new AppErrorException(
      { ...error, fields: formFieldsOf(error.fields, formFields[provider]) },
      { cause: caught },
    )
  }

  function checkedUrl(url: string, provider: ShareProvider): string {
    if (isHttpsUrl(url) || isLoopbackHttpUrl(url)) return url
    throw appError(
      'provider_error',
      `${providerLabels[provider]} answered with a link that is not an https:// address, so Freightdesk did not keep it. Try again; if it keeps happening, tell ${providerLabels[provider]}.`,
      { provider },
    )
  }

  function inFuture(expiresAt: string): void {
    if (Date.parse(expiresAt) > now().getTime()) return
    throw appError(
      'validation',
      'The link must expire in the future. Pick a later date and time.',
      {
        fields: { expiresAt: 'Pick a date and time in the future' },
      },
    )
  }

  function shareOf(id: string): StoredShare {
    const share = cache.shares.get(id)
    if (!share) {
      throw appError('not_found', 'This link is not in the share history. Reload the list.', {
        fields: { shareId: 'No such link' },
      })
    }
    return share
  }

  function unchangeable(share: StoredShare, what: 'extended' | 'revoked'): AppErrorException {
    return appError(
      'validation',
      what === 'extended'
        ? 'SpotGo offers no way to change a link once it is made. Create a new link with the expiry you need.'
        : 'SpotGo offers no way to revoke a link; it stops working when it expires. Create links with short expiries for sensitive freights.',
      { fields: { shareId: `SpotGo links cannot be ${what}` }, provider: share.provider },
    )
  }

  async function documentTitle(
    ready: Extract<AccountClient, { provider: 'crego' }>,
    accountId: string,
    documentId: string,
  ): Promise<string> {
    const cached = cache.documents.get(accountId, documentId)
    if (cached) return cached.name
    const document = await ready.client.document(documentId)
    cache.documents.upsert(accountId, [document], now().toISOString())
    return document.name
  }

  return {
    stateOf,

    async createFreightLink(input) {
      const owner = account(input.accountId, 'spotgo')
      const freights = input.freightIds.map((id, index) => sharedFreight(id, index, owner))
      const ready = await readyClient(owner.id, 'spotgo')
      let link: { url: string; validUntil: string }
      try {
        link = await ready.client.share({
          freightIds: [...new Set(freights.map((freight) => freight.providerId))],
          expiresIn: expiryTimeSpan(input.expiry),
          ownerEmail: input.ownerEmail,
        })
      } catch (caught) {
        throw failure(caught, 'spotgo', owner.id, 'create a SpotGo share link')
      }
      accounts.recordOutcome(owner.id, null)
      const stored = cache.shares.insert({
        id: randomUUID(),
        accountId: owner.id,
        accountName: owner.name,
        provider: 'spotgo',
        kind: 'freights',
        freights: freights.map((freight) => ({
          freightId: freight.id,
          providerId: freight.providerId,
          reference: freight.externalNumber ?? freight.reference,
        })),
        document: null,
        url: checkedUrl(link.url, 'spotgo'),
        providerShareId: null,
        createdAt: now().toISOString(),
        expiresAt: link.validUntil,
        revokedAt: null,
      })
      log.info('made a freight share link', { accountId: owner.id, freights: freights.length })
      announce('created', stored)
      return present(stored)
    },

    async createDocumentLink(input) {
      const owner = account(input.accountId, 'crego')
      inFuture(input.expiresAt)
      const ready = await readyClient(owner.id, 'crego')
      let title: string
      let share: DocumentShare
      try {
        title = await documentTitle(ready, owner.id, input.documentId)
        share = await ready.client.createShare(input.documentId, input.expiresAt)
      } catch (caught) {
        throw failure(caught, 'crego', owner.id, 'create a Crego share link')
      }
      accounts.recordOutcome(owner.id, null)
      const stored = cache.shares.insert({
        id: randomUUID(),
        accountId: owner.id,
        accountName: owner.name,
        provider: 'crego',
        kind: 'document',
        freights: [],
        document: { providerId: input.documentId, title },
        url: checkedUrl(share.url, 'crego'),
        providerShareId: share.providerId,
        createdAt: share.createdAt,
        expiresAt: share.expiresAt,
        revokedAt: null,
      })
      log.info('made a document share link', { accountId: owner.id })
      announce('created', stored)
      return present(stored)
    },

    list(filter) {
      const at = now()
      return cache.shares
        .list({ ...filter, now: at.toISOString() })
        .map((share) => present(share, at))
    },

    async extend(input) {
      const share = shareOf(input.shareId)
      if (share.provider !== 'crego' || !share.document || !share.providerShareId) {
        throw unchangeable(share, 'extended')
      }
      if (share.revokedAt !== null) {
        throw appError(
          'conflict',
          'This link was revoked; it cannot be extended. Create a new link.',
          {
            fields: { shareId: 'Revoked' },
          },
        )
      }
      inFuture(input.expiresAt)
      const ready = await readyClient(share.accountId, 'crego')
      let changed: DocumentShare
      try {
        changed = await ready.client.updateShare(
          share.document.providerId,
          share.providerShareId,
          input.expiresAt,
        )
      } catch (caught) {
        throw failure(caught, 'crego', share.accountId, 'change the expiry of a Crego link')
      }
      accounts.recordOutcome(share.accountId, null)
      const extended = cache.shares.setExpiry(share.id, changed.expiresAt) ?? share
      announce('extended', extended)
      return present(extended)
    },

    async revoke(shareId) {
      const share = shareOf(shareId)
      if (share.provider !== 'crego' || !share.document || !share.providerShareId) {
        throw unchangeable(share, 'revoked')
      }
      if (share.revokedAt !== null) return present(share)
      const ready = await readyClient(share.accountId, 'crego')
      try {
        await ready.client.deleteShare(share.document.providerId, share.providerShareId)
      } catch (caught) {
        throw failure(caught, 'crego', share.accountId, 'revoke a Crego link')
      }
      accounts.recordOutcome(share.accountId, null)
      log.info('revoked a document share link', { accountId: share.accountId })
      const revoked = cache.shares.markRevoked(share.id, now().toISOString()) ?? share
      announce('revoked', revoked)
      return present(revoked)
    },

    async copy(input) {
      const share = 'shareId' in input ? shareOf(input.shareId) : null
      const url = share?.url ?? ('url' in input ? input.url : '')
      if (!options.writeClipboard) return { copied: false, url }
      await options.writeClipboard({
        text: url,
        html: `<a href="${escapeHtml(url)}">${escapeHtml(share ? linkLabel(share) : url)}</a>`,
      })
      return { copied: true, url }
    },
  }

  /** A freight of the link, checked: cached, SpotGo, of the account making the link. */
  function sharedFreight(id: number, index: number, owner: StoredAccount): Freight {
    const freight = cache.freights.get(id)?.freight
    const field = `freightIds.${index}`
    if (!freight) {
      throw appError(
        'not_found',
        'A freight of this link is no longer in the offline cache. Reload the list and choose again.',
        { fields: { freightIds: 'Not in the cache', [field]: 'Not in the cache' } },
      )
    }
    if (freight.provider !== 'spotgo') {
      const message = `${providerLabels[freight.provider]} has no share links, so ${describe(freight)} cannot be shared. Leave it out of the link.`
      throw appError('validation', message, { fields: { freightIds: message, [field]: message } })
    }
    if (freight.accountId !== owner.id) {
      const message = `${describe(freight)} belongs to another SpotGo account than ${owner.name}. One link shows the freights of one account.`
      throw appError('validation', message, { fields: { freightIds: message, [field]: message } })
    }
    return freight
  }
}

function describe(freight: Freight): string {
  const reference = freight.externalNumber ?? freight.reference
  return reference ? `freight ${reference}` : `freight ${freight.providerId}`
}

/** What a pasted HTML link reads as. */
function linkLabel(share: StoredShare): string {
  if (share.document) return share.document.title || 'Shared document'
  const references = share.freights.map((freight) => freight.reference ?? freight.providerId)
  const shown = references.slice(0, 3).join(', ')
  const more = references.length > 3 ? ` and ${references.length - 3} more` : ''
  return `${references.length === 1 ? 'Freight' : 'Freights'} ${shown}${more}`
}

/** Provider field paths (`freightIds.1`, `urlExpirationTime`) to the form's own field names. */
function formFieldsOf(
  fields: Record<string, string>,
  names: Record<string, string>,
): Record<string, string> {
  const mapped: Record<string, string> = {}
  for (const [path, message] of Object.entries(fields)) {
    const head = path.split('.')[0] ?? path
    const name = names[head] ?? names[path] ?? path
    mapped[name] = mapped[name] ? `${mapped[name]} ${message}` : message
  }
  return mapped
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
