import { create } from 'zustand'
import type { AppInfo } from '@shared/contract'
import { call, errorMessage } from '../api/client'

interface AppInfoState {
  info: AppInfo | null
  error: string | null
  load: () => Promise<void>
}

/** What main says about itself (name, version, data folder, shell), loaded once at start. */
export const useAppInfo = create<AppInfoState>((set) => ({
  info: null,
  error: null,
  async load() {
    try {
      set({ info: await call('app.info'), error: null })
    } catch (error) {
      set({ error: errorMessage(error) })
    }
  },
}))
