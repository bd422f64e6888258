import { useEffect } from 'react'
import { sandboxOn, useSandbox } from '../features/sandbox/sandbox-store'
import { SampleDataBadge } from '../features/sandbox/SampleDataOffer'
import { screens, useNavigation } from './navigation-store'

const isMac = navigator.userAgent.includes('Mac')

export function Sidebar() {
  const screen = useNavigation((state) => state.screen)
  const go = useNavigation((state) => state.go)
  const sandbox = useSandbox((state) => sandboxOn(state.status))

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(isMac ? event.metaKey : event.ctrlKey) || event.shiftKey || event.altKey) return
      const target = screens.find((each) => each.shortcut === event.key)
      if (!target) return
      event.preventDefault()
      go(target.id)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [go])

  return (
    <nav className="sidebar" aria-label="Main">
      <div className="sidebar__brand">Freightdesk</div>
      {sandbox && (
        <div className="sidebar__sandbox">
          <SampleDataBadge />
        </div>
      )}
      <ul>
        {screens.map((each) => (
          <li key={each.id}>
            <button
              type="button"
              className="sidebar__item"
              aria-current={screen === each.id ? 'page' : undefined}
              aria-keyshortcuts={`${isMac ? 'Meta' : 'Control'}+${each.shortcut}`}
              onClick={() => go(each.id)}
            >
              <span>{each.label}</span>
              <kbd>{`${isMac ? '⌘' : 'Ctrl+'}${each.shortcut}`}</kbd>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}
