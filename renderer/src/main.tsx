import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { ErrorBoundary } from './ui/ErrorBoundary'
import './styles/tokens.css'
import './styles/primitives.css'
import './styles/app.css'
import './styles/freights.css'
import './features/accounts/accounts.css'
import './features/shares/shares.css'
import './features/sync/sync.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary area="Freightdesk">
      <App />
    </ErrorBoundary>
  </StrictMode>,
)
