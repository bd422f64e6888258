import { useEffect } from 'react'
import { call, subscribe } from '../api/client'
import { AccountsScreen } from '../features/accounts/AccountsScreen'
import { FreightsScreen } from '../features/freights/FreightsScreen'
import { DocumentsScreen } from '../features/shares/DocumentsScreen'
import { useShareDialog } from '../features/shares/share-dialog-store'
import { ShareFreightsDialog } from '../features/shares/ShareFreightsDialog'
import { SharesScreen } from '../features/shares/SharesScreen'
import { useAppInfo } from './app-info-store'
import { followMenuCommands, runScreenCommand } from './menu-commands'
import { useNavigation } from './navigation-store'
import { Sidebar } from './Sidebar'
import { StatusBar } from './StatusBar'
import { Toasts } from './Toasts'
import { useToasts } from './toast-store'

export function App() {
  const screen = useNavigation((state) => state.screen)
  const shareIds = useShareDialog((state) => state.freightIds)
  const closeShare = useShareDialog((state) => state.close)

  useEffect(() => {
    void useAppInfo.getState().load()
    const unsubscribe = subscribe('app.notice', (notice) => useToasts.getState().show(notice))
    const stopMenu = followMenuCommands(runScreenCommand)
    // Notices main raised before this page listened (a damaged cache found at start, ...).
    call('app.notices')
      .then((notices) => {
        for (const notice of notices) useToasts.getState().showOnce(notice)
      })
      .catch(() => undefined)
    return () => {
      unsubscribe()
      stopMenu()
    }
  }, [])

  return (
    <div className="app">
      <Sidebar />
      <main className="app__main">
        {screen === 'freights' && <FreightsScreen />}
        {screen === 'shares' && <SharesScreen />}
        {screen === 'documents' && <DocumentsScreen />}
        {screen === 'accounts' && <AccountsScreen />}
      </main>
      <StatusBar />
      <Toasts />
      {shareIds && <ShareFreightsDialog freightIds={shareIds} onClose={closeShare} />}
    </div>
  )
}
