import { useEffect, useRef, useState } from 'react'
import { call, subscribe } from '../api/client'
import { followAccounts } from '../features/accounts/accounts-store'
import { AccountsScreen } from '../features/accounts/AccountsScreen'
import { FreightsScreen } from '../features/freights/FreightsScreen'
import { DocumentsScreen } from '../features/shares/DocumentsScreen'
import { useShareDialog } from '../features/shares/share-dialog-store'
import { ShareFreightsDialog } from '../features/shares/ShareFreightsDialog'
import { SharesScreen } from '../features/shares/SharesScreen'
import { useSandbox } from '../features/sandbox/sandbox-store'
import { useSync } from '../features/sync/sync-store'
import { ErrorBoundary } from '../ui/ErrorBoundary'
import { useAppInfo } from './app-info-store'
import { runCommand, startCommandKeys, useCommand } from './commands'
import { useDensity } from './density-store'
import { followMenuCommands } from './menu-commands'
import { type screens, useNavigation } from './navigation-store'
import { focusNextRegion } from './regions'
import { ShortcutSheet } from './ShortcutSheet'
import { Sidebar } from './Sidebar'
import { StatusBar } from './StatusBar'
import { Toasts } from './Toasts'
import { useToasts } from './toast-store'

const screenNames: Record<(typeof screens)[number]['id'], string> = {
  freights: 'the Freights screen',
  shares: 'the Shares screen',
  accounts: 'the Accounts screen',
  documents: 'the Documents screen',
}

export function App() {
  const screen = useNavigation((state) => state.screen)
  const go = useNavigation((state) => state.go)
  const shareIds = useShareDialog((state) => state.freightIds)
  const closeShare = useShareDialog((state) => state.close)
  const [shortcuts, setShortcuts] = useState(false)
  const density = useDensity((state) => state.density)

  useEffect(() => {
    void useAppInfo.getState().load()
    const stops = [
      startCommandKeys(),
      followMenuCommands(runCommand),
      followAccounts(),
      useSync.getState().listen(),
      useSandbox.getState().listen(),
      subscribe('app.notice', (notice) => useToasts.getState().show(notice)),
    ]
    void useSync.getState().load()
    void useSandbox.getState().load()
    // Notices main raised before this page listened (a damaged cache found at start, ...).
    call('app.notices')
      .then((notices) => {
        for (const notice of notices) useToasts.getState().showOnce(notice)
      })
      .catch(() => undefined)
    return () => {
      for (const stop of stops) stop()
    }
  }, [])

  useEffect(() => {
    document.documentElement.dataset.density = density
  }, [density])

  // Moving to another screen moves the focus to its heading (not on the first screen).
  const shown = useRef(screen)
  useEffect(() => {
    if (shown.current === screen) return
    shown.current = screen
    // A dialog the new screen opened (the first-run "Add account") keeps the focus.
    if (document.querySelector('dialog[open]')) return
    document.querySelector<HTMLElement>('main h1')?.focus()
  }, [screen])

  useCommand('go.freights', () => go('freights'))
  useCommand('go.shares', () => go('shares'))
  useCommand('go.accounts', () => go('accounts'))
  useCommand('go.documents', () => go('documents'))
  useCommand('app.settings', () => go('accounts'))
  useCommand('sync.now', () => void useSync.getState().syncNow())
  useCommand('region.next', () => focusNextRegion(1))
  useCommand('region.previous', () => focusNextRegion(-1))
  useCommand('help.shortcuts', () => setShortcuts(true))

  return (
    <div className="app">
      <Sidebar />
      <main className="app__main">
        <ErrorBoundary area={screenNames[screen]} resetKey={screen}>
          {screen === 'freights' && <FreightsScreen />}
          {screen === 'shares' && <SharesScreen />}
          {screen === 'documents' && <DocumentsScreen />}
          {screen === 'accounts' && <AccountsScreen />}
        </ErrorBoundary>
      </main>
      <ErrorBoundary area="the status bar">
        <StatusBar onShortcuts={() => setShortcuts(true)} />
      </ErrorBoundary>
      <Toasts />
      {shareIds && (
        <ErrorBoundary area="the share dialog">
          <ShareFreightsDialog freightIds={shareIds} onClose={closeShare} />
        </ErrorBoundary>
      )}
      {shortcuts && <ShortcutSheet onClose={() => setShortcuts(false)} />}
    </div>
  )
}
