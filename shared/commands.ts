/**
 * Every command a dispatcher can give from the keyboard, once: its name, its keys (in Electron's
 * accelerator syntax, `CommandOrControl` being Cmd on macOS and Ctrl elsewhere) and where it
 * applies. The page's shortcut sheet and its key handling are built from this list, and a native
 * menu can take the same commands and accelerators from it.
 */

export const commandGroups = ['Go to', 'Freights', 'Grid', 'Share', 'Window'] as const
export type CommandGroup = (typeof commandGroups)[number]

/**
 * `global`: anywhere in the window (plain keys such as `?` not while typing in a field).
 * `grid`, `search`, `detail`: while that part has the focus; listed so the sheet shows them.
 */
export type CommandScope = 'global' | 'grid' | 'search' | 'detail'

export interface CommandDefinition {
  id: string
  label: string
  /** Accelerators; the first is the one menus show. */
  keys: readonly string[]
  group: CommandGroup
  scope: CommandScope
}

// One line per command reads as a table.
// prettier-ignore
export const commands = [
  { id: 'go.freights', label: 'Go to Freights', keys: ['CommandOrControl+1'], group: 'Go to', scope: 'global' },
  { id: 'go.shares', label: 'Go to Shares', keys: ['CommandOrControl+2'], group: 'Go to', scope: 'global' },
  { id: 'go.accounts', label: 'Go to Accounts', keys: ['CommandOrControl+3'], group: 'Go to', scope: 'global' },
  { id: 'go.documents', label: 'Go to Documents', keys: ['CommandOrControl+4'], group: 'Go to', scope: 'global' },
  { id: 'region.next', label: 'Next area: sidebar, filters, grid, detail', keys: ['F6'], group: 'Go to', scope: 'global' },
  { id: 'region.previous', label: 'Previous area', keys: ['Shift+F6'], group: 'Go to', scope: 'global' },
  { id: 'freights.search', label: 'Search freights', keys: ['CommandOrControl+F'], group: 'Freights', scope: 'global' },
  { id: 'search.toResults', label: 'From the search box to the first result', keys: ['Down', 'Enter'], group: 'Freights', scope: 'search' },
  { id: 'grid.move', label: 'Move between rows', keys: ['Up', 'Down', 'PageUp', 'PageDown', 'Home', 'End'], group: 'Grid', scope: 'grid' },
  { id: 'grid.headers', label: 'From the first row to the column headers (Left, Right, Enter sorts)', keys: ['Up'], group: 'Grid', scope: 'grid' },
  { id: 'grid.toggle', label: 'Select or unselect the row', keys: ['Space'], group: 'Grid', scope: 'grid' },
  { id: 'grid.extend', label: 'Extend the selection', keys: ['Shift+Down', 'Shift+Up'], group: 'Grid', scope: 'grid' },
  { id: 'grid.selectAll', label: 'Select every row of the view', keys: ['CommandOrControl+A'], group: 'Grid', scope: 'grid' },
  { id: 'grid.open', label: 'Open the freight in the detail', keys: ['Enter'], group: 'Grid', scope: 'grid' },
  { id: 'grid.leave', label: 'Leave the grid for the next area', keys: ['Tab'], group: 'Grid', scope: 'grid' },
  { id: 'share.dialog', label: 'Share the selected freights…', keys: ['CommandOrControl+Shift+S'], group: 'Share', scope: 'global' },
  { id: 'share.quick', label: 'Create and copy a link to the selected freights (last expiry used)', keys: ['CommandOrControl+Shift+L'], group: 'Share', scope: 'global' },
  { id: 'window.close', label: 'Close the topmost panel, dialog or menu', keys: ['Escape'], group: 'Window', scope: 'global' },
  { id: 'help.shortcuts', label: 'Show the keyboard shortcuts', keys: ['?', 'F1'], group: 'Window', scope: 'global' },
  { id: 'sync.now', label: 'Sync every account now', keys: ['CommandOrControl+R'], group: 'Freights', scope: 'global' },
  { id: 'freights.export', label: 'Export the freights of the view…', keys: ['CommandOrControl+E'], group: 'Freights', scope: 'global' },
  { id: 'app.settings', label: 'Settings: accounts and connections', keys: ['CommandOrControl+,'], group: 'Window', scope: 'global' },
] as const satisfies readonly CommandDefinition[]

export type CommandId = (typeof commands)[number]['id']

export function command(id: CommandId): CommandDefinition {
  const found = commands.find((each) => each.id === id)
  if (!found) throw new Error(`No command "${id}"`)
  return found
}

/** The accelerator menus show for a command (its first key). */
export function primaryKey(id: CommandId): string {
  return command(id).keys[0] ?? ''
}

const keyNames: Record<string, { mac: string; other: string }> = {
  CommandOrControl: { mac: '⌘', other: 'Ctrl' },
  Shift: { mac: '⇧', other: 'Shift' },
  Alt: { mac: '⌥', other: 'Alt' },
  Up: { mac: '↑', other: '↑' },
  Down: { mac: '↓', other: '↓' },
  Left: { mac: '←', other: '←' },
  Right: { mac: '→', other: '→' },
  PageUp: { mac: 'Page Up', other: 'Page Up' },
  PageDown: { mac: 'Page Down', other: 'Page Down' },
}

/** How an accelerator reads on this platform: "Ctrl+Shift+S", "⌘⇧S". */
export function acceleratorLabel(accelerator: string, mac: boolean): string {
  const parts = accelerator.split('+').filter(Boolean)
  const keys = accelerator === '+' ? ['+'] : parts
  const names = keys.map((key) => keyNames[key]?.[mac ? 'mac' : 'other'] ?? key)
  return mac ? names.join('') : names.join('+')
}

/** The accelerator as `aria-keyshortcuts` spells it: "Control+Shift+S", "Meta+1". */
export function ariaKeyShortcut(accelerator: string, mac: boolean): string {
  return accelerator
    .split('+')
    .map((key) =>
      key === 'CommandOrControl'
        ? mac
          ? 'Meta'
          : 'Control'
        : key === 'Up' || key === 'Down' || key === 'Left' || key === 'Right'
          ? `Arrow${key}`
          : key,
    )
    .join('+')
}

/** The key event fields an accelerator is matched against. */
export interface KeyPress {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
  altKey: boolean
}

const eventKeys: Record<string, string> = {
  Up: 'ArrowUp',
  Down: 'ArrowDown',
  Left: 'ArrowLeft',
  Right: 'ArrowRight',
  Space: ' ',
}

/** Whether a key press gives `accelerator` on this platform. */
export function matchesAccelerator(press: KeyPress, accelerator: string, mac: boolean): boolean {
  const parts = accelerator.split('+')
  const key = parts[parts.length - 1] ?? ''
  const mods = new Set(parts.slice(0, -1))
  const command = mods.has('CommandOrControl')
  if ((mac ? press.metaKey : press.ctrlKey) !== command) return false
  if ((mac ? press.ctrlKey : press.metaKey) && !command) return false
  if (press.altKey !== mods.has('Alt')) return false
  const wanted = eventKeys[key] ?? key
  // `?` needs Shift on most layouts: a printable key is matched by the character it gives.
  if (wanted.length === 1 && !/[a-z0-9]/i.test(wanted)) return press.key === wanted
  if (press.shiftKey !== mods.has('Shift')) return false
  return press.key.toLowerCase() === wanted.toLowerCase()
}
