import { create } from 'zustand'
import type { Notice } from '@shared/contract'

export interface Toast extends Notice {
  id: number
}

interface ToastState {
  toasts: Toast[]
  show: (notice: Notice, durationMs?: number) => void
  /** Shows `notice` unless the same one is on screen (a notice both listed and announced). */
  showOnce: (notice: Notice) => void
  dismiss: (id: number) => void
}

let nextId = 1

/** Short confirmations and notices from main; errors stay until dismissed. */
export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  show(notice, durationMs = notice.level === 'error' ? 0 : 4000) {
    const id = nextId++
    set({ toasts: [...get().toasts.slice(-4), { ...notice, id }] })
    if (durationMs > 0) setTimeout(() => get().dismiss(id), durationMs)
  },
  showOnce(notice) {
    const shown = get().toasts.some(
      (toast) => toast.level === notice.level && toast.message === notice.message,
    )
    if (!shown) get().show(notice)
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((toast) => toast.id !== id) })
  },
}))
