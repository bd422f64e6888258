/**
 * What the dispatcher is told when the cache file found at start could not be used as it was:
 * where the old file is, exactly what was carried into the fresh cache and what was lost, and
 * what to do about it. Nothing here promises what cannot happen: freights come back only for
 * accounts that were kept, and only those the provider still lists.
 */
import type { Notice } from '@shared/contract'
import type { CacheRecovery } from '../cache/db'
import type { Kept, SalvageReport } from '../cache/recovery/salvage'

const number = (value: number) => value.toLocaleString('en-US')
const plural = (count: number, one: string, many: string) =>
  `${number(count)} ${count === 1 ? one : many}`

export function recoveryNotice(recovery: CacheRecovery): Notice {
  switch (recovery.reason) {
    case 'search_index':
      return {
        level: 'warning',
        message:
          'The search index of the offline cache was damaged, so Freightdesk rebuilt it from the ' +
          'cached freights. Nothing was lost.',
      }
    case 'empty':
      return {
        level: 'error',
        message:
          'The offline cache file was empty (0 bytes), so nothing from before could be kept and ' +
          `Freightdesk started a fresh cache (the empty file is set aside at ${recovery.keptAt}). ` +
          'If you had accounts, add them again under Accounts; their freights download after that.',
      }
    case 'newer_schema':
      return {
        level: 'error',
        message:
          'The offline cache was written by a newer version of Freightdesk. It is kept unchanged at ' +
          `${recovery.keptAt}; update Freightdesk to use it again. Meanwhile this version started a ` +
          `fresh cache. ${salvageSentences(recovery.salvage)}`,
      }
    case 'not_a_database':
    case 'damaged':
      return {
        level: 'error',
        message:
          `The offline cache file was ${recovery.reason === 'damaged' ? 'damaged' : 'not a readable database'}, ` +
          `so Freightdesk set it aside at ${recovery.keptAt} and started a fresh cache. ` +
          salvageSentences(recovery.salvage),
      }
  }
}

/** Damage the background integrity check found while the app runs. */
export function damageFoundNotice(): Notice {
  return {
    level: 'error',
    message:
      'Freightdesk found damage in its offline cache file. Restart Freightdesk: it then sets the ' +
      'damaged file aside, carries over what it can still read and downloads your freights ' +
      'again. Until then, some cached freights may be missing or wrong.',
  }
}

/** "Kept: ... Lost: ..." for a salvage. */
function salvageSentences(salvage: SalvageReport | null): string {
  const summary = salvage?.summary
  if (!salvage || salvage.readAs === 'unreadable' || !summary) {
    return (
      'Nothing in the old file could be read: add your accounts again under Accounts, and their ' +
      'freights download after that. Notes, tags, saved views, share links and changes that were ' +
      'waiting to be sent are only in the kept file.'
    )
  }
  const kinds: Array<{ kept: Kept; one: string; many: string; lostAs: string }> = [
    { kept: summary.accounts, one: 'account', many: 'accounts', lostAs: 'accounts' },
    {
      kept: summary.outbox,
      one: 'change waiting to be sent',
      many: 'changes waiting to be sent',
      lostAs: 'changes waiting to be sent',
    },
    { kept: summary.shares, one: 'share link', many: 'share links', lostAs: 'share links' },
    {
      kept: summary.notes,
      one: 'freight with notes or tags',
      many: 'freights with notes or tags',
      lostAs: 'notes and tags',
    },
    { kept: summary.views, one: 'saved view', many: 'saved views', lostAs: 'saved views' },
    { kept: summary.settings, one: 'app setting', many: 'app settings', lostAs: 'app settings' },
    {
      kept: summary.documents,
      one: 'Crego document',
      many: 'Crego documents',
      lostAs: 'Crego documents',
    },
  ]
  const kept = kinds
    .filter((kind) => kind.kept.kept > 0)
    .map((kind) => plural(kind.kept.kept, kind.one, kind.many))
  const freights = summary.freights
  const lostFreights =
    salvage.freightsBefore !== null ? Math.max(0, salvage.freightsBefore - freights.kept) : null
  if (freights.kept > 0) {
    kept.push(
      lostFreights !== null && lostFreights > 0
        ? `${number(freights.kept)} of ${plural(salvage.freightsBefore!, 'freight', 'freights')}`
        : plural(freights.kept, 'freight', 'freights'),
    )
  }
  const lost = kinds
    .filter((kind) => !kind.kept.whole)
    .map((kind) => (kind.kept.kept > 0 ? `some ${kind.lostAs}` : `all ${kind.lostAs}`))
  const accountsKept = summary.accounts.kept > 0
  if (!freights.whole || (lostFreights ?? 0) > 0) {
    const what =
      lostFreights !== null && lostFreights > 0
        ? plural(lostFreights, 'freight', 'freights')
        : freights.kept > 0
          ? 'some freights'
          : 'the freights'
    lost.push(
      accountsKept
        ? `${what} (those the providers still list come back at the next sync of their account)`
        : what,
    )
  }
  if (!summary.syncHistory.whole) lost.push('the sync history')
  const sentences = [`Kept: ${kept.length > 0 ? kept.join(', ') : 'nothing'}.`]
  if (lost.length > 0) sentences.push(`Lost: ${lost.join('; ')}.`)
  else sentences.push('Nothing was lost.')
  if (!summary.accounts.whole) {
    sentences.push(
      'Add the missing accounts again under Accounts; their freights download after that.',
    )
  }
  return sentences.join(' ')
}
