/**
 * The native menu, per platform, as a plain template (Electron's `Menu.buildFromTemplate` takes it
 * as it is). The app's own items are the commands of `shared/commands.ts` with their accelerators;
 * choosing one hands its id to `run`, and the shell sends it to the page, which runs the handler
 * its keys run: the menu and the keyboard cannot disagree.
 */
import { command, type CommandId } from '@shared/commands'

/** The Electron menu roles this menu uses (a subset of Electron's own). */
export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'forceReload'
  | 'toggleDevTools'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'window'
  | 'help'

/** The part of Electron's `MenuItemConstructorOptions` this menu fills in. */
export interface MenuItemSpec {
  id?: string
  label?: string
  role?: MenuRole
  type?: 'separator'
  accelerator?: string
  submenu?: MenuItemSpec[]
  click?: () => void
}

export interface MenuOptions {
  platform: NodeJS.Platform
  appName: string
  /** Development builds keep Reload and Toggle Developer Tools; packaged builds have neither. */
  development: boolean
  /** Runs one of the app's commands (the shell sends it to the page). */
  run: (id: CommandId) => void
}

/**
 * The accelerator a menu may own for a command: its first key with a modifier or a function key.
 * A menu takes its keys even while a text field has the focus, so plain characters (`?`), Escape,
 * Enter and arrows stay with the page.
 */
export function menuAccelerator(id: CommandId): string | undefined {
  return command(id).keys.find((key) => {
    const parts = key.split('+')
    const last = parts.at(-1) ?? ''
    const modifiers = parts.slice(0, -1)
    return (
      /^F\d{1,2}$/.test(last) ||
      modifiers.some((each) => ['CommandOrControl', 'Control', 'Command', 'Alt'].includes(each))
    )
  })
}

const separator: MenuItemSpec = { type: 'separator' }

export function menuTemplate(options: MenuOptions): MenuItemSpec[] {
  const mac = options.platform === 'darwin'
  const item = (id: CommandId, label: string): MenuItemSpec => {
    const accelerator = menuAccelerator(id)
    return {
      id,
      label,
      ...(accelerator ? { accelerator } : {}),
      click: () => options.run(id),
    }
  }
  // Windows and Linux underline a menu's letter for Alt; macOS has no such letters.
  const title = (name: string) => (mac ? name : `&${name}`)
  const settings = item('app.settings', 'Settings…')
  const about: MenuItemSpec = { role: 'about', label: `About ${options.appName}` }

  const appMenu: MenuItemSpec = {
    label: options.appName,
    submenu: [
      about,
      separator,
      settings,
      separator,
      { role: 'services' },
      separator,
      { role: 'hide', label: `Hide ${options.appName}` },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit', label: `Quit ${options.appName}` },
    ],
  }

  const fileMenu: MenuItemSpec = {
    label: title('File'),
    submenu: [
      item('sync.now', 'Sync Now'),
      item('freights.export', 'Export…'),
      separator,
      item('share.dialog', 'Share Selected Freights…'),
      item('share.quick', 'Copy a Link to Selected Freights'),
      separator,
      ...(mac
        ? [{ role: 'close' } satisfies MenuItemSpec]
        : [settings, separator, { role: 'quit', label: 'E&xit' } satisfies MenuItemSpec]),
    ],
  }

  const editMenu: MenuItemSpec = {
    label: title('Edit'),
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } satisfies MenuItemSpec] : []),
      { role: 'delete' },
      { role: 'selectAll' },
      separator,
      item('freights.search', 'Find Freights'),
    ],
  }

  const viewMenu: MenuItemSpec = {
    label: title('View'),
    submenu: [
      item('go.freights', 'Freights'),
      item('go.shares', 'Shares'),
      item('go.accounts', 'Accounts'),
      item('go.documents', 'Documents'),
      separator,
      item('region.next', 'Next Area'),
      item('region.previous', 'Previous Area'),
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
      // Reload keeps off Sync Now's CommandOrControl+R: forceReload is CommandOrControl+Shift+R.
      ...(options.development
        ? [separator, { role: 'forceReload' } as const, { role: 'toggleDevTools' } as const]
        : []),
    ],
  }

  const windowMenu: MenuItemSpec = {
    label: title('Window'),
    // macOS lists the open windows in the menu with this role.
    role: 'window',
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  }

  const helpMenu: MenuItemSpec = {
    label: title('Help'),
    // macOS puts its Help search field in the menu with this role.
    role: 'help',
    submenu: [item('help.shortcuts', 'Keyboard Shortcuts'), ...(mac ? [] : [separator, about])],
  }

  return [...(mac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu, helpMenu]
}

/** Every item of a template, submenus included, depth first. */
export function menuItems(template: readonly MenuItemSpec[]): MenuItemSpec[] {
  return template.flatMap((each) => [each, ...menuItems(each.submenu ?? [])])
}
