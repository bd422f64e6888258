import { create } from 'zustand'
import type { Notice } from '@shared/contract'

export interface Toast extends Notice {
  id: number
}

interface ToastState {
  toasts: Toast[]
  show: (notice: Notice, durationMs?: number) => void
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
  dismiss(id) {
    set({ toasts: get().toasts.filter((toast) => toast.id !== id) })
  },
}))
