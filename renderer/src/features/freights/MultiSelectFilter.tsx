import { useId, useState } from 'react'
import { useFormat } from '../../ui/format'
import { Popover } from '../../ui/Popover'

export interface FilterOption {
  value: string
  label: string
  /** Freights matching with this value chosen; undefined while unknown. */
  count?: number
}

interface MultiSelectFilterProps {
  title: string
  selected: readonly string[]
  options: readonly FilterOption[]
  /** Shown instead of counts while they load. */
  loading?: boolean
  /** The counts shown belong to an earlier filter: they are dimmed and the list is busy. */
  stale?: boolean
  error?: string | null
  onOpen?: () => void
  onChange: (values: string[]) => void
}

const searchableFrom = 12

/** A filter button that opens a list of checkboxes, each value with its count. */
export function MultiSelectFilter({
  title,
  selected,
  options,
  loading,
  stale = false,
  error,
  onOpen,
  onChange,
}: MultiSelectFilterProps) {
  const [search, setSearch] = useState('')
  const listId = useId()
  const format = useFormat()
  const chosen = new Set(selected)
  const needle = search.trim().toLowerCase()
  const shown = needle
    ? options.filter(
        (option) =>
          option.label.toLowerCase().includes(needle) || option.value.toLowerCase() === needle,
      )
    : options

  const toggle = (value: string) => {
    onChange(chosen.has(value) ? selected.filter((each) => each !== value) : [...selected, value])
  }

  return (
    <Popover
      label={`${title} filter`}
      onOpen={() => {
        setSearch('')
        onOpen?.()
      }}
      buttonProps={{
        className: `button filter-button${selected.length > 0 ? ' button--active' : ''}`,
        'aria-label': selected.length > 0 ? `${title}, ${selected.length} chosen` : title,
      }}
      button={
        <>
          {title}
          {selected.length > 0 && <span className="button__count">{selected.length}</span>}
          <span aria-hidden="true" className="button__caret">
            ▾
          </span>
        </>
      }
    >
      {() => (
        <div className="multi-select">
          {options.length >= searchableFrom && (
            <input
              type="search"
              className="input multi-select__search"
              placeholder={`Find ${title.toLowerCase()}`}
              aria-label={`Find ${title.toLowerCase()}`}
              aria-controls={listId}
              value={search}
              onChange={(event) => setSearch(event.target.value)}
            />
          )}
          {error && (
            <p className="multi-select__note" role="alert">
              {error}
            </p>
          )}
          <ul
            id={listId}
            className={`multi-select__list${stale ? ' multi-select__list--stale' : ''}`}
            aria-label={title}
            aria-busy={stale || loading ? 'true' : 'false'}
          >
            {shown.map((option) => (
              <li key={option.value}>
                <label
                  className={`multi-select__option${option.count === 0 ? ' multi-select__option--empty' : ''}`}
                >
                  <input
                    type="checkbox"
                    aria-label={option.label}
                    checked={chosen.has(option.value)}
                    onChange={() => toggle(option.value)}
                  />
                  <span className="multi-select__label">{option.label}</span>
                  <span className="multi-select__count" data-testid="facet-count">
                    {option.count === undefined
                      ? loading
                        ? '…'
                        : ''
                      : format.number(option.count)}
                  </span>
                </label>
              </li>
            ))}
            {shown.length === 0 && (
              <li className="multi-select__note">{loading ? 'Counting…' : 'Nothing to choose'}</li>
            )}
          </ul>
          {selected.length > 0 && (
            <button type="button" className="link-button" onClick={() => onChange([])}>
              Clear {title.toLowerCase()}
            </button>
          )}
        </div>
      )}
    </Popover>
  )
}
