import { acceleratorLabel, ariaKeyShortcut, primaryKey } from '@shared/commands'
import { sandboxOn, useSandbox } from '../features/sandbox/sandbox-store'
import { SampleDataBadge } from '../features/sandbox/SampleDataOffer'
import { icons } from '../ui/icons'
import { isMac } from './commands'
import { screens, useNavigation } from './navigation-store'

/** The screens, with their shortcuts; narrow windows show their icons only. */
export function Sidebar() {
  const screen = useNavigation((state) => state.screen)
  const go = useNavigation((state) => state.go)
  const sandbox = useSandbox((state) => sandboxOn(state.status))

  return (
    <nav className="sidebar" aria-label="Main" data-region="sidebar">
      <div className="sidebar__brand" aria-hidden="true">
        <span className="sidebar__logo">F</span>
        <span className="sidebar__name">Freightdesk</span>
      </div>
      {sandbox && (
        <div className="sidebar__sandbox">
          <SampleDataBadge />
        </div>
      )}
      <ul>
        {screens.map((each) => {
          const accelerator = primaryKey(each.command)
          const keys = acceleratorLabel(accelerator, isMac)
          const current = screen === each.id
          return (
            <li key={each.id}>
              <button
                type="button"
                className="sidebar__item"
                aria-current={current ? 'page' : undefined}
                aria-keyshortcuts={ariaKeyShortcut(accelerator, isMac)}
                title={`${each.label} (${keys})`}
                data-region-target={current ? true : undefined}
                onClick={() => go(each.id)}
              >
                {icons[each.id]}
                <span className="sidebar__label">{each.label}</span>
                <kbd className="sidebar__keys">{keys}</kbd>
              </button>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
