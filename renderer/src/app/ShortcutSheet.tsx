import { acceleratorLabel, commandGroups, commands } from '@shared/commands'
import { Dialog } from '../ui/Dialog'
import { isMac } from './commands'

const scopeNotes: Record<string, string> = {
  grid: 'in the grid',
  search: 'in the search box',
  detail: 'in the detail',
}

/** Every keyboard shortcut, from the one list of commands, grouped as the menus would be. */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} wide>
      <div className="shortcuts">
        {commandGroups.map((group) => {
          const inGroup = commands.filter((each) => each.group === group)
          if (inGroup.length === 0) return null
          return (
            <section key={group} aria-labelledby={`shortcuts-${group}`}>
              <h3 id={`shortcuts-${group}`}>{group}</h3>
              <dl className="shortcuts__list">
                {inGroup.map((each) => (
                  <div key={each.id} className="shortcuts__item" data-command={each.id}>
                    <dt>
                      {each.label}
                      {each.scope !== 'global' && (
                        <span className="muted"> ({scopeNotes[each.scope]})</span>
                      )}
                    </dt>
                    <dd>
                      {each.keys.map((key, index) => (
                        <span key={key}>
                          {index > 0 && <span className="muted"> or </span>}
                          <kbd className="shortcuts__key">{acceleratorLabel(key, isMac)}</kbd>
                        </span>
                      ))}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          )
        })}
      </div>
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
    </Dialog>
  )
}
