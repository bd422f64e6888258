import { useRef, useState } from 'react'
import type { ExportFormat } from '@shared/grid'
import { call, errorMessage } from '../../api/client'
import { useCommand } from '../../app/commands'
import { useToasts } from '../../app/toast-store'
import { currentFormat } from '../../ui/format'
import { Popover } from '../../ui/Popover'
import { useGrid } from './grid-store'
import { canonicalQuery, visibleColumnKeys } from './query-state'

const formats: Array<{ format: ExportFormat; label: string }> = [
  { format: 'csv', label: 'CSV (Excel, Numbers, LibreOffice)' },
  { format: 'xlsx', label: 'Excel workbook (.xlsx)' },
]

/** Hands a same-origin download link to the browser (web host only). */
function download(url: string, fileName: string): void {
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
}

/** Exports the current view: its filters and sort, its visible columns in order. */
export function ExportMenu({ disabled }: { disabled: boolean }) {
  const [running, setRunning] = useState(false)
  const toast = useToasts((state) => state.show)
  const root = useRef<HTMLDivElement>(null)
  // The menu's Export opens this menu, as a click on its button does.
  useCommand(
    'freights.export',
    () =>
      root.current
        ?.querySelector<HTMLButtonElement>('button[aria-haspopup]:not(:disabled)')
        ?.click(),
    !disabled,
  )

  const run = async (format: ExportFormat) => {
    const { query, layout } = useGrid.getState()
    const shown = currentFormat()
    setRunning(true)
    try {
      // The file reads as the grid does: the dispatcher's language and time zone.
      const outcome = await call('freights.export', {
        query: canonicalQuery(query),
        columns: visibleColumnKeys(layout),
        format,
        locale: shown.locale,
        timeZone: shown.timeZone,
      })
      if (outcome.status === 'cancelled') return
      if (outcome.status === 'download') download(outcome.url, outcome.fileName)
      const count = shown.number(outcome.rows)
      toast({
        level: 'info',
        message: `Exported ${count} ${outcome.rows === 1 ? 'freight' : 'freights'} to ${outcome.fileName}.`,
      })
    } catch (error) {
      toast({ level: 'error', message: errorMessage(error) })
    } finally {
      setRunning(false)
    }
  }

  return (
    <div ref={root} className="export-menu">
      <Popover
        label="Export"
        align="end"
        buttonProps={{
          className: 'button',
          disabled: disabled || running,
          'aria-busy': running,
        }}
        button={running ? 'Exporting…' : 'Export'}
      >
        {(close) => (
          <ul className="menu" aria-label="Export formats">
            {formats.map(({ format, label }) => (
              <li key={format}>
                <button
                  type="button"
                  className="menu__item"
                  onClick={() => {
                    close()
                    void run(format)
                  }}
                >
                  {label}
                </button>
              </li>
            ))}
          </ul>
        )}
      </Popover>
    </div>
  )
}
