import { useEffect, useState } from 'react'
import '../features/sync/sync.css'
import type { AccountConnectivity, ConnectivityState, SyncProgress } from '@shared/domain/sync'
import { SandboxMenu } from '../features/sandbox/SandboxMenu'
import { OutboxIndicator } from '../features/sync/OutboxPanel'
import { ReadProblemsIndicator, readProblemsText } from '../features/sync/ReadProblems'
import { exactTime, relativeTime, useSync, type AccountLabel } from '../features/sync/sync-store'
import { useAppInfo } from './app-info-store'

const stateLabels: Record<ConnectivityState, string> = {
  online: 'Online',
  offline: 'Offline',
  needs_sign_in: 'Needs sign-in',
  provider_error: 'Provider error',
}

const listLabels: Record<NonNullable<SyncProgress['list']>, string> = {
  spotgo: 'freights',
  active: 'active freights',
  accepted: 'accepted freights',
  archive: 'archived freights',
}

/** Re-renders every 30 s so "5 min ago" stays true. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000)
    return () => clearInterval(timer)
  }, [])
  return now
}

function progressText(progress: SyncProgress): string {
  if (progress.phase === 'starting') return 'Starting sync…'
  if (progress.phase === 'verifying')
    return `Checking removed freights… ${progress.itemsSoFar} stored`
  const list = progress.list ? ` ${listLabels[progress.list]}` : ''
  return `Syncing${list}… ${progress.pagesDone} ${progress.pagesDone === 1 ? 'page' : 'pages'}, ${progress.itemsSoFar} freights`
}

function AccountStatus(props: {
  account: AccountLabel
  connectivity: AccountConnectivity | undefined
  now: number
}) {
  const { account, connectivity, now } = props
  const state = connectivity?.state ?? 'online'
  const running = connectivity?.running ?? null
  const lastSynced = connectivity?.lastSyncedAt ?? null
  const problems = connectivity?.readProblems ?? { notRead: 0, readInPart: 0 }
  const problemsText = readProblemsText(problems)
  const description = [
    `${account.name}: ${stateLabels[state]}.`,
    connectivity?.message ?? '',
    lastSynced ? `Last synced ${exactTime(lastSynced)}.` : 'Not synced yet.',
    problemsText ? `Items the last sync could not read: ${problemsText}.` : '',
  ]
    .filter(Boolean)
    .join(' ')
  return (
    <li
      className={`account-status account-status--${state}`}
      data-testid={`account-status-${account.id}`}
      aria-label={description}
      title={description}
    >
      <span className="account-status__dot" aria-hidden="true" />
      <span className="account-status__name">{account.name}</span>
      <span className="account-status__state">{stateLabels[state]}</span>
      {state !== 'online' && account.provider !== 'crego' && (
        <span className="account-status__cached">
          showing {account.cachedFreights} cached{' '}
          {account.cachedFreights === 1 ? 'freight' : 'freights'}
        </span>
      )}
      {running ? (
        <span className="account-status__progress" role="status">
          <progress aria-label={`Syncing ${account.name}`} />
          {progressText(running)}
        </span>
      ) : account.provider === 'crego' ? null : lastSynced ? (
        <time
          className="account-status__synced"
          dateTime={lastSynced}
          title={exactTime(lastSynced)}
        >
          synced {relativeTime(lastSynced, now)}
        </time>
      ) : (
        <span className="account-status__synced">not synced yet</span>
      )}
      {account.provider !== 'crego' && (
        <ReadProblemsIndicator
          accountId={account.id}
          accountName={account.name}
          counts={problems}
        />
      )}
    </li>
  )
}

export function StatusBar() {
  const info = useAppInfo((state) => state.info)
  const error = useAppInfo((state) => state.error)
  const accounts = useSync((state) => state.accounts)
  const connectivity = useSync((state) => state.connectivity)
  const syncError = useSync((state) => state.error)
  const now = useNow()

  useEffect(() => {
    const stop = useSync.getState().listen()
    void useSync.getState().load()
    return stop
  }, [])

  const syncable = accounts.filter((account) => account.provider !== 'crego')
  const anyRunning = syncable.some((account) => connectivity[account.id]?.running)

  return (
    <footer className="status-bar" aria-label="Status">
      {accounts.length > 0 && (
        <ul className="status-bar__accounts" aria-label="Accounts">
          {accounts.map((account) => (
            <AccountStatus
              key={account.id}
              account={account}
              connectivity={connectivity[account.id]}
              now={now}
            />
          ))}
        </ul>
      )}
      {syncable.length > 0 && (
        <span className="status-bar__actions">
          <button
            type="button"
            className="status-bar__button"
            onClick={() => void useSync.getState().syncNow()}
            title="Sync every account now"
          >
            Sync now
          </button>
          {anyRunning && (
            <button
              type="button"
              className="status-bar__button"
              onClick={() => void useSync.getState().cancel()}
              title="Stop the running syncs; what they stored is kept"
            >
              Cancel sync
            </button>
          )}
        </span>
      )}
      <OutboxIndicator />
      <SandboxMenu />
      {/* Without a connection to main the app-info error below already says what to do. */}
      {syncError && !error && (
        <span className="status-bar__error" role="alert">
          {syncError}
        </span>
      )}
      <span className="status-bar__spacer" />
      {error ? (
        <span className="status-bar__error" role="alert">
          {error}
        </span>
      ) : info ? (
        <>
          <span data-testid="app-version">
            {info.name} {info.version}
          </span>
          <span>{info.shell === 'web' ? 'Browser preview' : 'Desktop'}</span>
          <span className="status-bar__path" title={info.dataDir}>
            Data: {info.dataDir}
          </span>
        </>
      ) : (
        <span>Connecting…</span>
      )}
    </footer>
  )
}
