/**
 * What the last sync of an account that read its lists could not read: the items it left out
 * and those it kept though read in part, each with its reasons, and a diagnostic for support
 * (the reasons and the items as the provider sent them, secrets, e-mail addresses and phone
 * numbers masked) copied through the shell's clipboard.
 */
import { providerLabels } from '@shared/domain/account'
import type {
  DiagnosticCopied,
  ReadProblem,
  ReadProblemReport,
  SyncList,
} from '@shared/domain/sync'
import { appError } from '@shared/errors'
import type { Cache } from '../cache'
import type { StoredAccount } from '../cache/account-store'
import type { StoredReadProblem, SyncStore } from '../cache/sync-store'
import { maskJson, maskText } from './diagnostic-mask'
import type { WriteClipboard } from './shares'

export interface ReadProblemsService {
  report(accountId: string): ReadProblemReport
  /** Puts the diagnostic on the clipboard (`copied: false` where the shell has none). */
  copyDiagnostic(accountId: string): Promise<DiagnosticCopied>
  /** The diagnostic's text, as it is copied. */
  diagnostic(accountId: string): { text: string; items: number }
}

export interface ReadProblemsServiceOptions {
  cache: Pick<Cache, 'accounts'>
  store: SyncStore
  /** Named in the diagnostic, for support. */
  app: { name: string; version: string }
  writeClipboard?: WriteClipboard
}

const listNames: Readonly<Record<SyncList, string>> = {
  spotgo: 'freights',
  active: 'active freights',
  accepted: 'accepted freights',
  archive: 'archived freights',
}

export function createReadProblemsService(
  options: ReadProblemsServiceOptions,
): ReadProblemsService {
  const { cache, store } = options

  function account(accountId: string): StoredAccount {
    const found = cache.accounts.get(accountId)
    if (!found) {
      throw appError('not_found', 'This account no longer exists. Reload the accounts list.', {
        fields: { accountId: 'No such account' },
      })
    }
    return found
  }

  function stored(accountId: string) {
    account(accountId)
    const run = store.lastReadRun(accountId)
    return { run, items: run ? store.readProblems(run.runId) : [] }
  }

  function report(accountId: string): ReadProblemReport {
    const { run, items } = stored(accountId)
    const counts = run?.counts ?? { notRead: 0, readInPart: 0 }
    return {
      accountId,
      runId: run?.runId ?? null,
      syncedAt: run?.finishedAt ?? null,
      counts,
      items: items.map(withoutRaw),
      notListed: Math.max(0, counts.notRead + counts.readInPart - items.length),
    }
  }

  function diagnostic(accountId: string): { text: string; items: number } {
    const owner = account(accountId)
    const { run, items } = stored(accountId)
    const counts = run?.counts ?? { notRead: 0, readInPart: 0 }
    const lines = [
      `${options.app.name} ${options.app.version}: what a sync could not read`,
      `Account: ${maskText(owner.name)} (${providerLabels[owner.provider]})`,
      run ? `Sync ${run.runId}, finished ${run.finishedAt}` : 'No sync has read this account yet.',
      `Not read: ${counts.notRead}. Read in part: ${counts.readInPart}.` +
        (counts.notRead + counts.readInPart > items.length
          ? ` The first ${items.length} are listed.`
          : ''),
      'Secrets, e-mail addresses and phone numbers are masked.',
    ]
    items.forEach((item, index) => {
      lines.push(
        '',
        `${index + 1}. ${item.kind === 'not_read' ? 'Not read' : 'Read in part'}: ${listNames[item.list]}, page ${item.page}, position ${item.position + 1}${item.providerId ? `, id ${item.providerId}` : ''}`,
        ...item.reasons.map((reason) => `   - ${maskText(reason)}`),
      )
      // The payload is masked value by value (numbers such as ids stay as they are).
      lines.push('   As sent:', ...rawText(item).map((line) => `   ${line}`))
    })
    return { text: lines.join('\n'), items: items.length }
  }

  return {
    report,
    diagnostic,
    async copyDiagnostic(accountId) {
      const { text, items } = diagnostic(accountId)
      if (!options.writeClipboard) return { copied: false, items }
      await options.writeClipboard({ text, html: `<pre>${escapeHtml(text)}</pre>` })
      return { copied: true, items }
    },
  }
}

function withoutRaw(item: StoredReadProblem): ReadProblem {
  const { rawJson: _raw, ...problem } = item
  return problem
}

/** The item as sent, masked, as indented JSON lines. */
function rawText(item: StoredReadProblem): string[] {
  let value: unknown
  try {
    value = JSON.parse(item.rawJson)
  } catch {
    value = item.rawJson
  }
  return JSON.stringify(maskJson(value), null, 2).split('\n')
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
