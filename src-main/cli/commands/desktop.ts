import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import type { Command } from '../command'

/** The Electron runtime's executable, when the `electron` package and its download are present. */
export const electronRuntime = (): string | undefined => {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown
    return typeof path === 'string' && existsSync(path) ? path : undefined
  } catch {
    return undefined
  }
}

export const DESKTOP_UNAVAILABLE =
  'The Electron runtime is not installed on this machine, so the desktop shell is unavailable: run `npm run start:web` to use Meterbook in a browser.'

export const desktop: Command = {
  usage: 'meterbook desktop',
  summary: 'Open the desktop app (needs the Electron runtime)',
  run: async ({ out }) => {
    const runtime = electronRuntime()
    if (!runtime) {
      out.line(DESKTOP_UNAVAILABLE)
      return 1
    }
    // The project folder: Electron reads its package.json for the name and the main entry.
    const appDir = fileURLToPath(new URL('../../', import.meta.url))
    const child = spawn(runtime, [appDir], { stdio: 'inherit' })
    return new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 0)))
  },
}
