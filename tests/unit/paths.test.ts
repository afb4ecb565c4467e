import { describe, expect, it } from 'vitest'
import { userDataDir } from '../../src-main/platform/paths'

describe("the desktop app's user-data folder, found without Electron", () => {
  it('follows each operating system like Electron does', () => {
    expect(userDataDir('linux', {}, '/home/ada')).toBe('/home/ada/.config/Meterbook')
    expect(userDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ada')).toBe('/xdg/Meterbook')
    expect(userDataDir('darwin', {}, '/Users/ada')).toBe(
      '/Users/ada/Library/Application Support/Meterbook',
    )
    expect(
      userDataDir('win32', { APPDATA: 'C:/Users/ada/AppData/Roaming' }, 'C:/Users/ada'),
    ).toMatch(/Roaming[\\/]Meterbook$/)
  })
})
