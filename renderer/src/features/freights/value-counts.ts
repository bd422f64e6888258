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
  /** Whether the counts held are for `filter` (main counts every filter but the dimension's own). */
  isFor: (filter: FreightFilter) => boolean
  /** Counts for `filter`, unless the shown counts are already for it. */
  load: (filter: FreightFilter) => void
}

/** `filter` without the dimension's own choice, which its counts never depend on. */
function countsKey(dimension: ValueCountDimension, filter: FreightFilter): string {
  switch (dimension) {
    case 'account':
      return JSON.stringify({ ...filter, accountIds: undefined })
    case 'vehicleSize':
      return JSON.stringify({ ...filter, vehicleSizes: undefined })
    case 'publicationType':
      return JSON.stringify({ ...filter, publicationTypes: undefined })
    case 'unloadingCountry':
      return JSON.stringify({ ...filter, unloading: { ...filter.unloading, countries: undefined } })
    case 'currency':
      return JSON.stringify({ ...filter, price: { ...filter.price, currencies: undefined } })
  }
}

export function useValueCounts(dimension: ValueCountDimension): ValueCounts {
  const [state, setState] = useState<{
    key: string
    values: ValueCount[] | null
    loading: boolean
    error: string | null
  }>({ key: '', values: null, loading: false, error: null })

  const load = (filter: FreightFilter) => {
    const key = countsKey(dimension, filter)
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

  return {
    values: state.values,
    loading: state.loading,
    error: state.error,
    isFor: (filter) =>
      state.values !== null && !state.loading && state.key === countsKey(dimension, filter),
    load,
  }
}
