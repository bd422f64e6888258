/** Saved views: named queries with a column layout, unique by name (ignoring case). */
import type { SavedView, SaveViewInput } from '@shared/domain/saved-view'
import { appError } from '@shared/errors'
import type { Cache } from '../cache'

export interface ViewsService {
  list(): SavedView[]
  save(input: SaveViewInput): SavedView
  remove(id: number): { removed: true }
}

export function createViewsService(deps: { cache: Cache }): ViewsService {
  const { views } = deps.cache
  return {
    list: () => views.list(),

    save(input) {
      const sameName = views.idByName(input.name)
      if (sameName !== null && sameName !== input.id) {
        throw appError(
          'conflict',
          `A view named "${input.name.trim()}" already exists. Pick another name, or open that view and save it.`,
          { fields: { name: 'Another view has this name' } },
        )
      }
      const saved = views.save(input)
      if (!saved) throw viewNotFound('id')
      return saved
    },

    remove(id) {
      if (!views.remove(id)) throw viewNotFound('id')
      return { removed: true }
    },
  }
}

function viewNotFound(field: string) {
  return appError('not_found', 'This view no longer exists. Reload the list of views.', {
    fields: { [field]: 'No saved view has this id' },
  })
}
