import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { test as base, expect, type Page } from '@playwright/test'

const cli = fileURLToPath(new URL('../../out/main/cli.js', import.meta.url))

export type Meterbook = { url: string; origin: string; dataDir: string }

/** Starts `meterbook serve` on a free port with a data folder of the test's own. */
const serve = async (
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string }> => {
  const child = spawn(
    process.execPath,
    [cli, 'serve', '--port', '0', '--db', join(dataDir, 'ledger.sqlite')],
    {
      env: { ...process.env, METERBOOK_STRIPE_KEY: '', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`meterbook serve exited with ${code}`)))
  })
  const match = /^Listening on (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/.exec(first)
  if (!match?.[1]) throw new Error(`Unexpected first line from meterbook serve: ${first}`)
  return { child, url: match[1] }
}

export const test = base.extend<{
  meterbook: Meterbook
  /** Extra environment for the server (a spec overrides it, e.g. to point Stripe at a fake). */
  meterbookEnv: Record<string, string>
}>({
  meterbookEnv: [{}, { option: true }],
  // Automatic: every test starts on a fresh instance, the page already opened from its address.
  meterbook: [
    async ({ page, meterbookEnv }, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'mb-e2e-'))
      const { child, url } = await serve(dataDir, meterbookEnv)
      await page.goto(url)
      await use({ url, origin: new URL(url).origin, dataDir })
      child.kill('SIGTERM')
    },
    { auto: true },
  ],
})

export { expect }

/** Calls a channel from the page, with the token it holds, and insists it succeeded. */
export const invokeFromPage = async (
  page: Page,
  channel: string,
  input: unknown,
): Promise<void> => {
  const result = await page.evaluate(
    async ([name, body]) => {
      const response = await fetch(`/api/invoke/${name}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-meterbook-token': sessionStorage.getItem('meterbook.token') ?? '',
        },
        body: JSON.stringify(body),
      })
      return (await response.json()) as unknown
    },
    [channel, input] as const,
  )
  expect(result, `${channel} failed`).toMatchObject({ ok: true })
}
