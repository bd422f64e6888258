/** Counts for the filters `freights.facets` does not cover, loaded when their list opens. */
import { useState } from 'react'
import type { FreightFilter } from '@shared/domain/freight-query'
import type { ValueCount, ValueCountDimension } from '@shared/grid'
import { call, errorMessage } from '../../api/client'

/** Account names learned from counts, for the chips of an account filter. */
export const accountNames = new Map<string, string>()

export interface ValueCounts {
  values: ValueCount[] | null
  loading: boolean
  error: string | null
  /** Counts for `filter`, unless the shown counts are already for it. */
  load: (filter: FreightFilter) => void
}

export function useValueCounts(dimension: ValueCountDimension): ValueCounts {
  const [state, setState] = useState<{
    key: string
    values: ValueCount[] | null
    loading: boolean
    error: string | null
  }>({ key: '', values: null, loading: false, error: null })

  const load = (filter: FreightFilter) => {
    const key = JSON.stringify(filter)
    if (key === state.key && state.values) return
    setState((previous) => ({ ...previous, key, loading: true, error: null }))
    call('freights.valueCounts', { dimension, filter })
      .then((values) => {
        if (dimension === 'account') {
          for (const value of values) accountNames.set(value.value, value.label)
        }
        setState((previous) =>
          previous.key === key ? { key, values, loading: false, error: null } : previous,
        )
      })
      .catch((error: unknown) => {
        setState((previous) =>
          previous.key === key
            ? { ...previous, loading: false, error: errorMessage(error) }
            : previous,
        )
      })
  }

  return { values: state.values, loading: state.loading, error: state.error, load }
}
