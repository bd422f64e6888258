/** Which freights the Share dialog is open for (null: closed). Any screen may open it. */
import { create } from 'zustand'

interface ShareDialogState {
  freightIds: number[] | null
  open: (freightIds: number[]) => void
  close: () => void
}

export const useShareDialog = create<ShareDialogState>((set) => ({
  freightIds: null,
  open: (freightIds) => set({ freightIds }),
  close: () => set({ freightIds: null }),
}))
