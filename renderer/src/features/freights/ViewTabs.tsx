import { useState, type FormEvent, type KeyboardEvent } from 'react'
import { AppErrorException } from '@shared/errors'
import { call, errorMessage } from '../../api/client'
import { useToasts } from '../../app/toast-store'
import { Popover } from '../../ui/Popover'
import { isModified, useGrid } from './grid-store'

export const gridPanelId = 'freights-grid-panel'

function NameForm({
  submitLabel,
  initial,
  onSubmit,
  onDone,
}: {
  submitLabel: string
  initial: string
  onSubmit: (name: string) => Promise<void>
  onDone: () => void
}) {
  const [name, setName] = useState(initial)
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!name.trim()) {
      setError('Give the view a name')
      return
    }
    setSaving(true)
    try {
      await onSubmit(name)
      onDone()
    } catch (failure) {
      // The field's own message when main gives one; never the same sentence twice.
      const fieldMessage =
        failure instanceof AppErrorException ? failure.error.fields?.name : undefined
      setError(fieldMessage ?? errorMessage(failure))
    } finally {
      setSaving(false)
    }
  }

  return (
    <form className="name-form" noValidate onSubmit={(event) => void submit(event)}>
      <div className="field">
        <label htmlFor="view-name">View name</label>
        <input
          id="view-name"
          value={name}
          maxLength={80}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'view-name-error' : undefined}
          onChange={(event) => {
            setName(event.target.value)
            setError(null)
          }}
        />
        {error && (
          <p id="view-name-error" className="field__error" role="alert">
            {error}
          </p>
        )}
      </div>
      <button type="submit" className="button button--primary" disabled={saving}>
        {submitLabel}
      </button>
    </form>
  )
}

/** Saved views as tabs, with "All freights" first; and the actions on the open one. */
export function ViewTabs() {
  const views = useGrid((state) => state.views)
  const viewId = useGrid((state) => state.viewId)
  const modified = useGrid(isModified)
  const openTab = useGrid((state) => state.openTab)
  const toast = useToasts((state) => state.show)
  const open = views.find((view) => view.id === viewId) ?? null
  const tabs = [{ id: null as number | null, name: 'All freights' }, ...views]

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    let next: number | null = null
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length
    else if (event.key === 'Home') next = 0
    else if (event.key === 'End') next = tabs.length - 1
    if (next === null) return
    event.preventDefault()
    const target = tabs[next]
    if (!target) return
    openTab(target.id)
    requestAnimationFrame(() => document.getElementById(tabElementId(target.id))?.focus())
  }

  const saveAs = async (name: string) => {
    const { query, layout, opened } = useGrid.getState()
    const view = await call('views.save', { name, query, layout })
    opened(view)
    toast({ level: 'info', message: `Saved the view "${view.name}".` })
  }

  const save = async () => {
    const { query, layout, opened } = useGrid.getState()
    if (!open) return
    try {
      const view = await call('views.save', { id: open.id, name: open.name, query, layout })
      opened(view)
      toast({ level: 'info', message: `Saved the view "${view.name}".` })
    } catch (error) {
      toast({ level: 'error', message: errorMessage(error) })
    }
  }

  const rename = async (name: string) => {
    if (!open) return
    const view = await call('views.save', {
      id: open.id,
      name,
      query: open.query,
      layout: open.layout,
    })
    const { views: current, setViews } = useGrid.getState()
    setViews(current.map((each) => (each.id === view.id ? view : each)))
  }

  const remove = async () => {
    if (!open) return
    try {
      await call('views.remove', { id: open.id })
      const { views: current, setViews } = useGrid.getState()
      setViews(current.filter((each) => each.id !== open.id))
      toast({ level: 'info', message: `Deleted the view "${open.name}".` })
    } catch (error) {
      toast({ level: 'error', message: errorMessage(error) })
    }
  }

  return (
    <div className="views">
      <div role="tablist" aria-label="Views" className="views__tabs">
        {tabs.map((tab, index) => {
          const selected = tab.id === viewId
          return (
            <button
              key={tab.id ?? 'all'}
              id={tabElementId(tab.id)}
              type="button"
              role="tab"
              aria-selected={selected}
              aria-controls={gridPanelId}
              tabIndex={selected ? 0 : -1}
              className="views__tab"
              onClick={() => openTab(tab.id)}
              onKeyDown={(event) => onTabKey(event, index)}
            >
              {tab.name}
              {selected && modified && (
                <span className="views__modified" title="Changed since saved">
                  <span aria-hidden="true"> •</span>
                  <span className="visually-hidden"> (modified)</span>
                </span>
              )}
            </button>
          )
        })}
      </div>
      <div className="views__actions">
        {open && modified && (
          <button type="button" className="button" onClick={() => void save()}>
            Save view
          </button>
        )}
        {modified && (
          <button type="button" className="button" onClick={() => useGrid.getState().revert()}>
            {open ? 'Revert' : 'Reset'}
          </button>
        )}
        <Popover
          label="Save as a new view"
          align="end"
          buttonProps={{ className: 'button' }}
          button="Save as view…"
        >
          {(close) => (
            <NameForm submitLabel="Save view" initial="" onSubmit={saveAs} onDone={close} />
          )}
        </Popover>
        {open && (
          <Popover
            label="Rename view"
            align="end"
            buttonProps={{ className: 'button' }}
            button="Rename…"
          >
            {(close) => (
              <NameForm submitLabel="Rename" initial={open.name} onSubmit={rename} onDone={close} />
            )}
          </Popover>
        )}
        {open && (
          <Popover
            label="Delete view"
            align="end"
            buttonProps={{ className: 'button' }}
            button="Delete…"
          >
            {(close) => (
              <div className="confirm">
                <p>Delete the view “{open.name}”? Its filters and columns are not kept.</p>
                <button
                  type="button"
                  className="button button--danger"
                  onClick={() => {
                    close()
                    void remove()
                  }}
                >
                  Delete view
                </button>
                <button type="button" className="button" onClick={close}>
                  Cancel
                </button>
              </div>
            )}
          </Popover>
        )}
      </div>
    </div>
  )
}

export function tabElementId(viewId: number | null): string {
  return `view-tab-${viewId ?? 'all'}`
}
