import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { validateConfiguration } from 'app-builder-lib/out/util/config/config.js'
import { DebugLogger } from 'builder-util'
import { describe, expect, it } from 'vitest'
import type { Configuration } from 'app-builder-lib'

// electron-builder downloads the Electron runtime, so installers cannot be built here; the
// configuration itself is checked against electron-builder's own schema instead.
const root = fileURLToPath(new URL('../../', import.meta.url))
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
  productName: string
  main: string
  scripts: Record<string, string>
  build: Configuration
}
const config = pkg.build

const targets = (platform: unknown): unknown =>
  (platform as { target?: unknown } | undefined)?.target

describe('the installer configuration', () => {
  it("is valid by electron-builder's own schema", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('names the product and its application id', () => {
    expect(config.productName).toBe('Meterbook')
    expect(pkg.productName).toBe('Meterbook')
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/)
  })

  it('builds AppImage and deb for Linux, dmg for macOS and nsis for Windows', () => {
    expect(targets(config.linux)).toEqual(['AppImage', 'deb'])
    expect(targets(config.mac)).toEqual(['dmg'])
    expect(targets(config.win)).toEqual(['nsis'])
    expect(pkg.scripts['dist']).toContain('electron-builder')
  })

  it('takes its icon from resources/, at a size every platform can be made from', () => {
    expect(config.icon).toBe('resources/icon.png')
    const png = readFileSync(`${root}${config.icon}`)
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512) // width
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512) // height
  })

  it('packages the built app and keeps the native SQLite binding outside the archive', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**/*', 'package.json']))
    expect(config.asarUnpack).toEqual(['**/*.node'])
    expect(pkg.main).toBe('out/main/index.js')
    expect(existsSync(`${root}src-main/electron/main.ts`)).toBe(true)
  })
})
