import { create } from 'zustand'

export const screens = [
  { id: 'freights', label: 'Freights', shortcut: '1' },
  { id: 'shares', label: 'Shares', shortcut: '2' },
  { id: 'accounts', label: 'Accounts', shortcut: '3' },
  { id: 'documents', label: 'Documents', shortcut: '4' },
] as const

export type ScreenId = (typeof screens)[number]['id']

interface NavigationState {
  screen: ScreenId
  go: (screen: ScreenId) => void
}

export const useNavigation = create<NavigationState>((set) => ({
  screen: 'freights',
  go: (screen) => set({ screen }),
}))
