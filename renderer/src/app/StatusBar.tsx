import { useEffect, useState } from 'react'
import type { Account } from '@shared/domain/account'
import type { AccountConnectivity, SyncProgress } from '@shared/domain/sync'
import { useAccounts } from '../features/accounts/accounts-store'
import { SandboxMenu } from '../features/sandbox/SandboxMenu'
import { OutboxIndicator } from '../features/sync/OutboxPanel'
import { ReadProblemsIndicator, readProblemsText } from '../features/sync/ReadProblems'
import { useSync } from '../features/sync/sync-store'
import { useFormat } from '../ui/format'
import { acceleratorLabel } from '@shared/commands'
import { useAppInfo } from './app-info-store'
import { isMac } from './commands'

/** What the status bar calls each state; `connecting` until this run has heard the provider. */
const stateLabels = {
  online: 'Online',
  offline: 'Offline',
  needs_sign_in: 'Needs sign-in',
  provider_error: 'Provider error',
  connecting: 'Connecting…',
} as const

type ShownState = keyof typeof stateLabels

function shownState(connectivity: AccountConnectivity | undefined): ShownState {
  if (!connectivity) return 'connecting'
  if (connectivity.state === 'online' && !connectivity.checked) return 'connecting'
  return connectivity.state
}

const listLabels: Record<NonNullable<SyncProgress['list']>, string> = {
  spotgo: 'freights',
  active: 'active freights',
  accepted: 'accepted freights',
  archive: 'archived freights',
}

/** Re-renders every 30 s so "5 minutes ago" stays true. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000)
    return () => clearInterval(timer)
  }, [])
  return now
}

function progressText(progress: SyncProgress, count: (value: number) => string): string {
  if (progress.phase === 'starting') return 'Starting sync…'
  if (progress.phase === 'verifying')
    return `Checking removed freights… ${count(progress.itemsSoFar)} stored`
  const list = progress.list ? ` ${listLabels[progress.list]}` : ''
  return `Syncing${list}… ${count(progress.pagesDone)} ${progress.pagesDone === 1 ? 'page' : 'pages'}, ${count(progress.itemsSoFar)} freights`
}

function AccountStatus(props: {
  account: Account
  connectivity: AccountConnectivity | undefined
  now: number
}) {
  const { account, connectivity, now } = props
  const format = useFormat()
  const state = shownState(connectivity)
  const running = connectivity?.running ?? null
  const lastSynced = connectivity?.lastSyncedAt ?? null
  const problems = connectivity?.readProblems ?? { notRead: 0, readInPart: 0 }
  const problemsText = readProblemsText(problems)
  const description = [
    `${account.name}: ${stateLabels[state]}.`,
    connectivity?.message ?? '',
    account.provider === 'crego'
      ? ''
      : lastSynced
        ? `Last synced ${format.dateTime(lastSynced)}.`
        : 'Not synced yet.',
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
      {running ? (
        <span className="account-status__progress" role="status">
          <progress aria-label={`Syncing ${account.name}`} />
          {progressText(running, (value) => format.number(value))}
        </span>
      ) : account.provider === 'crego' ? null : lastSynced ? (
        <time
          className="account-status__synced"
          dateTime={lastSynced}
          title={format.dateTime(lastSynced)}
        >
          synced {format.relative(lastSynced, now)}
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

/** The window's status: each account's connection and sync, the outbox, sample data, the app. */
export function StatusBar({ onShortcuts }: { onShortcuts: () => void }) {
  const info = useAppInfo((state) => state.info)
  const error = useAppInfo((state) => state.error)
  const accounts = useAccounts((state) => state.accounts)
  const connectivity = useSync((state) => state.connectivity)
  const syncError = useSync((state) => state.error)
  const now = useNow()

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
            className="button button--small"
            onClick={() => void useSync.getState().syncNow()}
            title="Sync every account now"
          >
            Sync now
          </button>
          {anyRunning && (
            <button
              type="button"
              className="button button--small"
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
        <span className="status-bar__app">
          <span data-testid="app-version">
            {info.name} {info.version}
          </span>
          <span className="status-bar__shell">
            {info.shell === 'web' ? 'Browser preview' : 'Desktop'}
          </span>
          <span className="status-bar__path" title={`Data folder: ${info.dataDir}`}>
            Data: {info.dataDir}
          </span>
        </span>
      ) : (
        <span>Connecting…</span>
      )}
      <button
        type="button"
        className="button button--small button--quiet"
        onClick={onShortcuts}
        aria-keyshortcuts="? F1"
        title={`Keyboard shortcuts (? or ${acceleratorLabel('F1', isMac)})`}
      >
        Shortcuts
      </button>
    </footer>
  )
}
