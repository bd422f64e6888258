import { create } from 'zustand'
import type { CommandId } from '@shared/commands'

export const screens = [
  { id: 'freights', label: 'Freights', command: 'go.freights' },
  { id: 'shares', label: 'Shares', command: 'go.shares' },
  { id: 'accounts', label: 'Accounts', command: 'go.accounts' },
  { id: 'documents', label: 'Documents', command: 'go.documents' },
] as const satisfies ReadonlyArray<{ id: string; label: string; command: CommandId }>

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
