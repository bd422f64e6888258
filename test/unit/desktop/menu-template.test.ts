/**
 * The native menu per platform, from the plain template the shell hands to Electron: the app's
 * commands with the accelerators of `shared/commands.ts`, the platform's own items, and no
 * developer items in packaged builds. The built shell installing it and sending each command to
 * the page is tested in test/integration/shell/main-bundle.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { commands, type CommandId } from '@shared/commands'
import {
  menuAccelerator,
  menuItems,
  menuTemplate,
  type MenuItemSpec,
} from '../../../electron/main/desktop/menu-template'

const platforms = ['darwin', 'win32', 'linux'] as const

function build(platform: NodeJS.Platform, development = false) {
  const ran: CommandId[] = []
  const template = menuTemplate({
    platform,
    appName: 'Freightdesk',
    development,
    run: (id) => ran.push(id),
  })
  return { template, ran, items: menuItems(template) }
}

const titles = (template: MenuItemSpec[]) => template.map((menu) => menu.label?.replace('&', ''))
const commandItems = (items: MenuItemSpec[]) => items.filter((item) => item.click)

describe('the native menu', () => {
  it('on macOS: the app menu with About, Settings, Services, Hide and Quit, then the rest', () => {
    const { template } = build('darwin')
    expect(titles(template)).toEqual(['Freightdesk', 'File', 'Edit', 'View', 'Window', 'Help'])
    const appMenu = template[0]!.submenu!.filter((item) => item.type !== 'separator')
    expect(appMenu.map((item) => item.role ?? item.id)).toEqual([
      'about',
      'app.settings',
      'services',
      'hide',
      'hideOthers',
      'unhide',
      'quit',
    ])
    expect(appMenu.find((item) => item.id === 'app.settings')?.accelerator).toBe(
      'CommandOrControl+,',
    )
    // macOS lists windows in the Window menu and puts its search field in Help.
    expect(template[4]!.role).toBe('window')
    expect(template[5]!.role).toBe('help')
  })

  it('on Windows and Linux: File holds Settings and Exit, Help holds About, letters for Alt', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const { template } = build(platform)
      expect(titles(template)).toEqual(['File', 'Edit', 'View', 'Window', 'Help'])
      expect(template.every((menu) => menu.label?.startsWith('&'))).toBe(true)
      const file = template[0]!.submenu!
      expect(file.map((item) => item.id ?? item.role).filter(Boolean)).toEqual([
        'sync.now',
        'freights.export',
        'share.dialog',
        'share.quick',
        'app.settings',
        'quit',
      ])
      expect(template[4]!.submenu!.some((item) => item.role === 'about')).toBe(true)
    }
  })

  it("holds Sync now, Export, Share, Find, the screens and Shortcuts with the page's accelerators", () => {
    for (const platform of platforms) {
      const { items } = build(platform)
      const byId = new Map(commandItems(items).map((item) => [item.id, item]))
      const wanted: Array<[CommandId, string]> = [
        ['sync.now', 'CommandOrControl+R'],
        ['freights.export', 'CommandOrControl+E'],
        ['share.dialog', 'CommandOrControl+Shift+S'],
        ['share.quick', 'CommandOrControl+Shift+L'],
        ['freights.search', 'CommandOrControl+F'],
        ['go.freights', 'CommandOrControl+1'],
        ['go.shares', 'CommandOrControl+2'],
        ['go.accounts', 'CommandOrControl+3'],
        ['go.documents', 'CommandOrControl+4'],
        ['region.next', 'F6'],
        ['region.previous', 'Shift+F6'],
        ['help.shortcuts', 'F1'],
        ['app.settings', 'CommandOrControl+,'],
      ]
      for (const [id, accelerator] of wanted) {
        expect(byId.get(id)?.accelerator, `${platform} ${id}`).toBe(accelerator)
      }
    }
  })

  it('carries every command a menu may own, once, with one of its keys from the one list', () => {
    for (const platform of platforms) {
      const { items } = build(platform)
      const placed = commandItems(items)
      const ids = placed.map((item) => item.id)
      expect(new Set(ids).size, platform).toBe(ids.length)
      for (const item of placed) {
        const keys: readonly string[] = commands.find((each) => each.id === item.id)!.keys
        expect(keys, `${platform} ${item.id}`).toContain(item.accelerator)
      }
      // Every command anywhere in the window that has a key a menu may own is in the menu.
      const menuable = commands
        .filter((each) => each.scope === 'global' && menuAccelerator(each.id))
        .map((each) => each.id)
      expect([...ids].sort(), platform).toEqual([...menuable].sort())
    }
  })

  it('never takes a key the page needs while typing: plain characters, Escape, Enter, arrows', () => {
    expect(menuAccelerator('help.shortcuts')).toBe('F1')
    expect(menuAccelerator('window.close')).toBeUndefined()
    expect(menuAccelerator('grid.toggle')).toBeUndefined()
    expect(menuAccelerator('grid.extend')).toBeUndefined()
    for (const platform of platforms) {
      const accelerators = build(platform)
        .items.map((item) => item.accelerator)
        .filter((key): key is string => key !== undefined)
      for (const accelerator of accelerators) {
        expect(accelerator).toMatch(/(^|\+)F\d+$|(CommandOrControl|Alt|Control)\+/)
      }
    }
  })

  it('runs the command of the item chosen', () => {
    const { items, ran } = build('win32')
    for (const item of commandItems(items)) item.click!()
    expect(ran).toEqual(commandItems(items).map((item) => item.id))
  })

  it('has Force Reload and Toggle Developer Tools in development builds only', () => {
    for (const platform of platforms) {
      const roles = (development: boolean) => build(platform, development).items.map((i) => i.role)
      expect(roles(true)).toEqual(expect.arrayContaining(['forceReload', 'toggleDevTools']))
      expect(roles(false)).not.toContain('toggleDevTools')
      expect(roles(false)).not.toContain('forceReload')
      // Reload would take Sync now's CommandOrControl+R.
      expect(roles(true)).not.toContain('reload')
    }
  })

  it('keeps the standard editing items, without which copy and paste fail on macOS', () => {
    const roles = build('darwin').items.map((item) => item.role)
    expect(roles).toEqual(
      expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']),
    )
  })
})
