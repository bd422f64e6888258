/** Names the filter bar and detail panel show for codes: countries, accounts. */
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' })

/** "Poland (PL)" for PL; the code itself when the runtime does not know it. */
export function countryLabel(code: string): string {
  try {
    const name = regionNames.of(code)
    return name && name !== code ? `${name} (${code})` : code
  } catch {
    return code
  }
}

export const isMac = navigator.userAgent.includes('Mac')

/** Ctrl or Cmd, as the platform names the command key. */
export const modKeyLabel = isMac ? '⌘' : 'Ctrl+'

/** Whether the platform's command key (Cmd on macOS, Ctrl elsewhere) is held. */
export function hasModKey(event: { ctrlKey: boolean; metaKey: boolean }): boolean {
  return isMac ? event.metaKey : event.ctrlKey
}
