import { useEffect, useState } from 'react'
import type { ReadProblemCounts, ReadProblemReport, SyncList } from '@shared/domain/sync'
import { call, errorMessage } from '../../api/client'
import { Dialog } from '../../ui/Dialog'
import { useFormat } from '../../ui/format'

const listNames: Record<SyncList, string> = {
  spotgo: 'Freights',
  active: 'Active freights',
  accepted: 'Accepted freights',
  archive: 'Archived freights',
}

/** "2 not read, 3 read in part" */
export function readProblemsText(counts: ReadProblemCounts): string {
  return [
    counts.notRead > 0 ? `${counts.notRead} not read` : '',
    counts.readInPart > 0 ? `${counts.readInPart} read in part` : '',
  ]
    .filter(Boolean)
    .join(', ')
}

/**
 * In an account's status: how many items its last sync could not read (or read only in part),
 * opening the details with Copy diagnostic. Nothing when everything was read.
 */
export function ReadProblemsIndicator(props: {
  accountId: string
  accountName: string
  counts: ReadProblemCounts
}) {
  const [open, setOpen] = useState(false)
  const { counts } = props
  if (counts.notRead + counts.readInPart === 0) return null
  return (
    <>
      <button
        type="button"
        className={`button button--small account-status__problems${counts.notRead > 0 ? ' account-status__problems--not-read' : ''}`}
        title="See what Freightdesk could not read from this account, and copy a diagnostic for support"
        onClick={() => setOpen(true)}
      >
        {readProblemsText(counts)}
      </button>
      {open && (
        <ReadProblemsDialog
          accountId={props.accountId}
          accountName={props.accountName}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  )
}

/** The items the last sync of an account could not read, each with its reasons. */
export function ReadProblemsDialog(props: {
  accountId: string
  accountName: string
  onClose: () => void
}) {
  const { accountId } = props
  const [report, setReport] = useState<ReadProblemReport | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [copied, setCopied] = useState<string | null>(null)
  const [copying, setCopying] = useState(false)
  const format = useFormat()

  useEffect(() => {
    let current = true
    call('sync.readProblems', { accountId }).then(
      (value) => current && setReport(value),
      (failure: unknown) => current && setError(errorMessage(failure)),
    )
    return () => {
      current = false
    }
  }, [accountId])

  const copy = async () => {
    setCopying(true)
    setError(null)
    try {
      const result = await call('sync.copyDiagnostic', { accountId })
      setCopied(
        result.copied
          ? `The diagnostic (${result.items} ${result.items === 1 ? 'item' : 'items'}) is on the clipboard: paste it into a message to support.`
          : 'This window has no clipboard. Open Freightdesk itself to copy the diagnostic.',
      )
    } catch (failure) {
      setError(errorMessage(failure))
    } finally {
      setCopying(false)
    }
  }

  return (
    <Dialog
      title={`What Freightdesk could not read from ${props.accountName}`}
      onClose={props.onClose}
      wide
    >
      <div className="read-problems">
        {report ? (
          <>
            <p className="read-problems__intro">
              {report.syncedAt
                ? `The sync of ${format.dateTime(report.syncedAt)}`
                : 'The last sync'}{' '}
              read everything else.{' '}
              {report.counts.notRead > 0
                ? `${report.counts.notRead} ${report.counts.notRead === 1 ? 'item was' : 'items were'} left out: Freightdesk could not tell which freight ${report.counts.notRead === 1 ? 'it is' : 'they are'}. `
                : ''}
              {report.counts.readInPart > 0
                ? `${report.counts.readInPart} ${report.counts.readInPart === 1 ? 'freight was' : 'freights were'} read only in part: ${report.counts.readInPart === 1 ? 'it is' : 'they are'} shown, but the fields below were not as documented. `
                : ''}
              Copy the diagnostic and send it to support; secrets, e-mail addresses and phone
              numbers are masked in it.
            </p>
            <ol className="read-problems__items" aria-label="Items not read">
              {report.items.map((item) => (
                <li
                  key={`${item.list}-${item.page}-${item.position}-${item.kind}`}
                  className={`read-problems__item read-problems__item--${item.kind}`}
                >
                  <strong>{item.kind === 'not_read' ? 'Not read' : 'Read in part'}</strong>{' '}
                  <span className="read-problems__where">
                    {listNames[item.list]}, page {item.page}, item {item.position + 1}
                    {item.providerId ? ` · ID ${item.providerId}` : ' · no usable ID'}
                  </span>
                  <ul className="read-problems__reasons">
                    {item.reasons.map((reason) => (
                      <li key={reason}>{reason}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ol>
            {report.notListed > 0 && (
              <p className="read-problems__more">
                And {report.notListed} more, counted but not listed.
              </p>
            )}
          </>
        ) : (
          !error && <p role="status">Loading…</p>
        )}
        {copied && (
          <p className="read-problems__copied" role="status">
            {copied}
          </p>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={props.onClose}>
            Close
          </button>
          <button
            type="button"
            className="button button--primary"
            data-autofocus
            disabled={copying}
            onClick={() => void copy()}
          >
            Copy diagnostic
          </button>
        </div>
      </div>
    </Dialog>
  )
}
