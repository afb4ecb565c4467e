import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { test as base, expect } from '@playwright/test'
import { electronRuntime } from '../../src-main/cli/commands/desktop'

const root = fileURLToPath(new URL('../..', import.meta.url))

// The README's promise: after `npm run setup`, `npm start` runs the product on any machine.
base(
  'npm start without the Electron runtime serves the app and reaches the dashboard',
  async ({ page }) => {
    base.skip(
      electronRuntime() !== undefined,
      'this machine has the Electron runtime: npm start opens the desktop app',
    )
    const dataDir = mkdtempSync(join(tmpdir(), 'mb-start-'))
    const child = spawn('npm', ['start', '--', '--db', join(dataDir, 'ledger.sqlite')], {
      cwd: root,
      env: { ...process.env, METERBOOK_STRIPE_KEY: '', METERBOOK_NO_BROWSER: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    })
    try {
      const lines: string[] = []
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).on('line', (line) => {
          lines.push(line)
          const match = /^Listening on (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/.exec(line)
          if (match?.[1]) resolve(match[1])
        })
        child.once('exit', (code) =>
          reject(new Error(`npm start exited with ${code}: ${lines.join('\n')}`)),
        )
      })
      expect(lines.join('\n')).toContain('The Electron runtime is not installed on this machine')
      await page.goto(url)
      await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
      await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click()
      await expect(page.getByText(join(dataDir, 'ledger.sqlite'))).toBeVisible()
    } finally {
      // npm runs the CLI in a child of its own: stop the whole group.
      if (child.pid) process.kill(-child.pid, 'SIGTERM')
    }
  },
)
