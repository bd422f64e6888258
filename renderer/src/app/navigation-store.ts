import { create } from 'zustand'

export const screens = [
  { id: 'freights', label: 'Freights', shortcut: '1' },
  { id: 'shares', label: 'Shares', shortcut: '2' },
  { id: 'accounts', label: 'Accounts', shortcut: '3' },
  { id: 'documents', label: 'Documents', shortcut: '4' },
] as const

export type ScreenId = (typeof screens)[number]['id']

/** Something the screen gone to should do once it opens (the first-run "Add account"). */
export type ScreenIntent = 'add-account'

interface NavigationState {
  screen: ScreenId
  intent: ScreenIntent | null
  go: (screen: ScreenId, intent?: ScreenIntent) => void
  /** Answers the pending intent and clears it. */
  takeIntent: () => ScreenIntent | null
}

export const useNavigation = create<NavigationState>((set, get) => ({
  screen: 'freights',
  intent: null,
  go: (screen, intent) => set({ screen, intent: intent ?? null }),
  takeIntent: () => {
    const intent = get().intent
    if (intent) set({ intent: null })
    return intent
  },
}))
