/**
 * The dispatcher's `Format` (shared/format.ts) for every screen: the browser's locale and zone
 * (in the desktop app, the system's). Kept in a store so that a later choice of language or zone
 * re-renders every screen with it.
 */
import { create } from 'zustand'
import { createFormat, type Format, type FormatSettings } from '@shared/format'

interface FormatStore {
  format: Format
  /** Changes the locale or zone of every screen. */
  use: (settings: Partial<FormatSettings>) => void
}

export const useFormatStore = create<FormatStore>((set, get) => ({
  format: createFormat({ locale: navigator.language }),
  use: (settings) =>
    set({
      format: createFormat({
        locale: settings.locale ?? get().format.locale,
        timeZone: settings.timeZone ?? get().format.timeZone,
      }),
    }),
}))

/** The dispatcher's format, re-rendering when it changes. */
export function useFormat(): Format {
  return useFormatStore((state) => state.format)
}

/** The dispatcher's format, outside of a component. */
export function currentFormat(): Format {
  return useFormatStore.getState().format
}
