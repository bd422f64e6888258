/**
 * The freights the grid shows: queries, facets and details from the offline cache, and the
 * dispatcher's local annotations. Rules live here; SQL lives in the cache.
 */
import type { FreightAnnotation, FreightDetail } from '@shared/domain/freight'
import type {
  AnnotateInput,
  FreightFacets,
  FreightFilter,
  FreightPage,
  FreightQuery,
} from '@shared/domain/freight-query'
import { appError } from '@shared/errors'
import type { Cache } from '../cache'
import type { EventHub } from '../events/event-hub'

export interface FreightsService {
  query(query: FreightQuery): FreightPage
  get(id: number): FreightDetail
  facets(filter: FreightFilter): FreightFacets
  annotate(input: AnnotateInput): FreightAnnotation[]
}

export function createFreightsService(deps: {
  cache: Cache
  events: EventHub
  /** What the account's last sync read only in part of a freight ("field: reason" lines). */
  readIssuesOf?: (accountId: string, providerId: string) => string[]
}): FreightsService {
  const { cache, events } = deps
  return {
    query: (query) => cache.queries.page(query),

    get(id) {
      const detail = cache.freights.get(id)
      if (!detail) {
        throw appError(
          'not_found',
          'This freight is no longer in the offline cache. Reload the list to see the current freights.',
          { fields: { id: 'No cached freight has this id' } },
        )
      }
      const readIssues = deps.readIssuesOf?.(detail.freight.accountId, detail.freight.providerId)
      return readIssues && readIssues.length > 0 ? { ...detail, readIssues } : detail
    },

    facets: (filter) => cache.queries.facets(filter),

    annotate(input) {
      const { ids, ...patch } = input
      const { annotations, missing } = cache.freights.annotate(ids, patch)
      if (missing.length > 0) {
        throw appError(
          'not_found',
          `${missing.length === 1 ? 'A freight is' : `${missing.length} freights are`} no longer in the offline cache, so nothing was changed. Reload the list and try again.`,
          { fields: { ids: `Not cached: ${missing.join(', ')}` } },
        )
      }
      events.emit('freights.changed', { reason: 'annotated', ids: [...ids] })
      return annotations
    },
  }
}
