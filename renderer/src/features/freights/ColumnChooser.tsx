import { freightColumn } from '@shared/domain/freight-columns'
import { columnTitle } from '@shared/freight-format'
import { useDensity } from '../../app/density-store'
import { Popover } from '../../ui/Popover'
import { useGrid } from './grid-store'
import { initialLayout } from './query-state'

/**
 * Choose and order the grid's columns: a checkbox per column, and Move up / Move down (also
 * Alt+ArrowUp / Alt+ArrowDown on a checkbox). Widths are set by dragging a header's edge or with
 * Alt+ArrowLeft / Alt+ArrowRight on the header.
 */
export function ColumnChooser() {
  const layout = useGrid((state) => state.layout)
  const setLayout = useGrid((state) => state.setLayout)
  const visibleCount = layout.columns.filter((column) => column.visible).length
  const density = useDensity((state) => state.density)
  const setDensity = useDensity((state) => state.set)

  const move = (index: number, by: -1 | 1) => {
    const target = index + by
    if (target < 0 || target >= layout.columns.length) return
    const columns = [...layout.columns]
    const [entry] = columns.splice(index, 1)
    if (!entry) return
    columns.splice(target, 0, entry)
    setLayout({ columns })
    // Keeps the keyboard on the column that moved.
    requestAnimationFrame(() =>
      document.getElementById(`column-choice-${entry.key}`)?.focus({ preventScroll: false }),
    )
  }

  return (
    <Popover
      label="Columns"
      align="end"
      buttonProps={{ className: 'button' }}
      button={`Columns (${visibleCount})`}
    >
      {() => (
        <div className="column-chooser">
          <fieldset className="field field--radios column-chooser__density">
            <legend>Rows</legend>
            <div className="choice-row">
              {(['compact', 'comfortable'] as const).map((each) => (
                <label key={each} className="radio">
                  <input
                    type="radio"
                    name="row-density"
                    checked={density === each}
                    onChange={() => setDensity(each)}
                  />
                  {each === 'compact' ? 'Compact' : 'Comfortable'}
                </label>
              ))}
            </div>
          </fieldset>
          <ol className="column-chooser__list" aria-label="Columns in display order">
            {layout.columns.map((column, index) => {
              const title = columnTitle(freightColumn(column.key))
              return (
                <li key={column.key} className="column-chooser__item">
                  <label>
                    <input
                      id={`column-choice-${column.key}`}
                      type="checkbox"
                      checked={column.visible}
                      disabled={column.visible && visibleCount === 1}
                      onChange={(event) =>
                        setLayout({
                          columns: layout.columns.map((each) =>
                            each.key === column.key
                              ? { ...each, visible: event.target.checked }
                              : each,
                          ),
                        })
                      }
                      onKeyDown={(event) => {
                        if (event.altKey && event.key === 'ArrowUp') {
                          event.preventDefault()
                          move(index, -1)
                        } else if (event.altKey && event.key === 'ArrowDown') {
                          event.preventDefault()
                          move(index, 1)
                        }
                      }}
                    />
                    {title}
                  </label>
                  <span className="column-chooser__moves">
                    <button
                      type="button"
                      className="button button--small button--icon"
                      aria-label={`Move ${title} up`}
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="button button--small button--icon"
                      aria-label={`Move ${title} down`}
                      disabled={index === layout.columns.length - 1}
                      onClick={() => move(index, 1)}
                    >
                      ↓
                    </button>
                  </span>
                </li>
              )
            })}
          </ol>
          <button type="button" className="link-button" onClick={() => setLayout(initialLayout())}>
            Reset columns
          </button>
        </div>
      )}
    </Popover>
  )
}
