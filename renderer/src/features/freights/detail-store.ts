/**
 * The detail panel: which freight is open, its full record and annotation, and the dispatcher's
 * changes to note, tags, hidden and seen. Opening a freight marks it seen.
 */
import { create } from 'zustand'
import type { FreightAnnotation, FreightDetail } from '@shared/domain/freight'
import type { AnnotateInput } from '@shared/domain/freight-query'
import { call, errorMessage } from '../../api/client'

interface DetailStore {
  openId: number | null
  detail: FreightDetail | null
  loading: boolean
  error: string | null
  open: (id: number) => Promise<void>
  close: () => void
  /** Reloads the open freight (after a change elsewhere). */
  reload: () => Promise<void>
  annotate: (patch: Omit<AnnotateInput, 'ids'>) => Promise<FreightAnnotation | null>
}

let latest = 0

export const useDetail = create<DetailStore>((set, get) => ({
  openId: null,
  detail: null,
  loading: false,
  error: null,

  async open(id) {
    if (get().openId === id && get().detail) return
    const request = ++latest
    set({ openId: id, loading: true, error: null })
    try {
      const detail = await call('freights.get', { id })
      if (request !== latest) return
      set({ detail, loading: false })
      if (!detail.annotation.seen) {
        const [annotation] = await call('freights.annotate', { ids: [id], seen: true })
        if (request === latest && annotation) set({ detail: { ...detail, annotation } })
      }
    } catch (error) {
      if (request === latest) set({ loading: false, error: errorMessage(error), detail: null })
    }
  },

  close() {
    latest++
    set({ openId: null, detail: null, loading: false, error: null })
  },

  async reload() {
    const id = get().openId
    if (id === null) return
    const request = ++latest
    try {
      const detail = await call('freights.get', { id })
      if (request === latest) set({ detail, error: null })
    } catch (error) {
      if (request === latest) set({ error: errorMessage(error) })
    }
  },

  async annotate(patch) {
    const id = get().openId
    if (id === null) return null
    const [annotation] = await call('freights.annotate', { ids: [id], ...patch })
    const detail = get().detail
    if (annotation && detail && get().openId === id) set({ detail: { ...detail, annotation } })
    return annotation ?? null
  },
}))
