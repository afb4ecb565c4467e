import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { screen, type BrowserWindow, type Rectangle } from 'electron'

type WindowState = { bounds: Rectangle; maximized: boolean }

const DEFAULT: WindowState = { bounds: { x: 0, y: 0, width: 1280, height: 820 }, maximized: false }

const visibleOnSomeDisplay = (bounds: Rectangle): boolean =>
  screen
    .getAllDisplays()
    .some(
      ({ workArea: a }) =>
        bounds.x < a.x + a.width &&
        bounds.x + bounds.width > a.x &&
        bounds.y < a.y + a.height &&
        bounds.y + bounds.height > a.y,
    )

/** Remembers the window's size, position and maximised state between launches. */
export const windowState = (userData: string) => {
  const file = join(userData, 'window-state.json')

  const load = (): WindowState => {
    try {
      const state = JSON.parse(readFileSync(file, 'utf8')) as WindowState
      // A display that was unplugged must not leave the window off screen.
      return visibleOnSomeDisplay(state.bounds) ? state : { ...DEFAULT, maximized: state.maximized }
    } catch {
      return DEFAULT
    }
  }

  const track = (window: BrowserWindow): void => {
    const save = (): void => {
      const state: WindowState = {
        bounds: window.getNormalBounds(),
        maximized: window.isMaximized(),
      }
      writeFileSync(file, JSON.stringify(state))
    }
    window.on('close', save)
  }

  return { load, track }
}
