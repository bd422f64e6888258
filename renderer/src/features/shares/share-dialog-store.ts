/**
 * The Share dialog (which freights it is open for; any screen may open it) and the expiry last
 * used, which the dialog starts from and the one-step share (Ctrl/Cmd+Shift+L) uses. The expiry
 * is remembered in this window's storage.
 */
import { create } from 'zustand'
import { ShareExpiry } from '@shared/domain/shares'

const storageKey = 'freightdesk.share-expiry'
const fallback: ShareExpiry = { kind: 'preset', preset: '24h' }

function storedExpiry(): ShareExpiry {
  try {
    const parsed = ShareExpiry.safeParse(JSON.parse(localStorage.getItem(storageKey) ?? 'null'))
    return parsed.success ? parsed.data : fallback
  } catch {
    return fallback
  }
}

interface ShareDialogState {
  freightIds: number[] | null
  lastExpiry: ShareExpiry
  open: (freightIds: number[]) => void
  close: () => void
  remember: (expiry: ShareExpiry) => void
}

export const useShareDialog = create<ShareDialogState>((set) => ({
  freightIds: null,
  lastExpiry: storedExpiry(),
  open: (freightIds) => set({ freightIds }),
  close: () => set({ freightIds: null }),
  remember(expiry) {
    try {
      localStorage.setItem(storageKey, JSON.stringify(expiry))
    } catch {
      // Storage may be off; the choice still holds for this window.
    }
    set({ lastExpiry: expiry })
  },
}))
