import { describe, expect, it } from 'vitest'
import { desktopDataFolder } from '../../../electron/main/desktop/data-folder'

describe('the desktop data folder', () => {
  it("is in each platform's place for an app's own data", () => {
    expect(
      desktopDataFolder({
        platform: 'win32',
        env: {
          LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local',
          APPDATA: 'C:\\Users\\ana\\AppData\\Roaming',
        },
        home: 'C:\\Users\\ana',
        appName: 'Freightdesk',
      }),
    ).toBe('C:\\Users\\ana\\AppData\\Local\\Freightdesk')
    expect(
      desktopDataFolder({
        platform: 'win32',
        env: {},
        home: 'C:\\Users\\ana',
        appName: 'Freightdesk',
      }),
    ).toBe('C:\\Users\\ana\\AppData\\Local\\Freightdesk')
    expect(
      desktopDataFolder({
        platform: 'darwin',
        env: {},
        home: '/Users/ana',
        appName: 'Freightdesk',
      }),
    ).toBe('/Users/ana/Library/Application Support/Freightdesk')
    expect(
      desktopDataFolder({ platform: 'linux', env: {}, home: '/home/ana', appName: 'Freightdesk' }),
    ).toBe('/home/ana/.config/Freightdesk')
    expect(
      desktopDataFolder({
        platform: 'linux',
        env: { XDG_CONFIG_HOME: '/data/config' },
        home: '/home/ana',
        appName: 'Freightdesk',
      }),
    ).toBe('/data/config/Freightdesk')
  })

  it('is the folder given with --user-data-dir when there is one', () => {
    expect(
      desktopDataFolder({
        platform: 'darwin',
        env: {},
        home: '/Users/ana',
        appName: 'Freightdesk',
        explicit: '/tmp/profile',
      }),
    ).toBe('/tmp/profile')
  })
})
