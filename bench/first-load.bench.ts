import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser } from '@playwright/test'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

// The dashboard's first load in Chromium through the browser host (`meterbook serve`, the built
// app: `npm run build` first; this builds nothing), on a ledger of 500 customers with two billed
// months of usage. Timed from the navigation to the money tiles being visible, the median of
// LOADS loads, each in a fresh browser context (nothing cached; the host sends no-store anyway).
const TARGET_MS = 1000
const LOADS = 7
const CUSTOMERS = 500
const EVENTS = 100_000

const root = fileURLToPath(new URL('..', import.meta.url))
const cli = process.env['METERBOOK_CLI'] ?? join(root, 'out/main/cli.js')
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
const dir = mkdtempSync(join(tmpdir(), 'mb-first-load-'))
const ledger = join(dir, 'ledger.sqlite')
let server: ChildProcess | undefined
let browser: Browser | undefined
let url = ''

const meterbook = (...args: string[]): void => {
  const result = spawnSync(process.execPath, [cli, ...args, '--db', ledger], {
    encoding: 'utf8',
    env: { ...process.env, METERBOOK_STRIPE_KEY: '' },
  })
  if (result.status !== 0) throw new Error(`meterbook ${args.join(' ')}: ${result.stderr}`)
}

/** 500 customers on the sample plans, and usage over October and November for each of them. */
const seed = (): void => {
  meterbook('catalog', 'import', join(root, 'resources/samples/catalog.yaml'))
  const plans = ['starter', 'growth']
  const customers = ['external_id,name,email,plan,start_date,billing_anchor_day']
  for (let i = 0; i < CUSTOMERS; i++)
    customers.push(
      `cus-${i},Customer ${i},billing${i}@example.com,${plans[i % plans.length]},2026-10-01,1`,
    )
  writeFileSync(join(dir, 'customers.csv'), `${customers.join('\n')}\n`)
  meterbook('customers', 'import', join(dir, 'customers.csv'))
  const start = Date.parse('2026-10-01T00:00:00Z')
  const span = Date.parse('2026-12-01T00:00:00Z') - start
  const events = ['event_id,customer_id,metric,quantity,timestamp']
  for (let i = 0; i < EVENTS; i++) {
    const at = new Date(start + Math.floor((i * span) / EVENTS)).toISOString()
    const metric = i % 5 === 0 ? 'sms' : 'api_calls'
    events.push(`e-${i},cus-${(i * 7919) % CUSTOMERS},${metric},${1 + (i % 90)},${at}`)
  }
  writeFileSync(join(dir, 'usage.csv'), `${events.join('\n')}\n`)
  meterbook('usage', 'import', join(dir, 'usage.csv'))
  meterbook('billing', 'run', '--period', '2026-10')
  meterbook('billing', 'run', '--period', '2026-11')
}

const serve = async (): Promise<{ child: ChildProcess; url: string }> => {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--db', ledger], {
    env: { ...process.env, METERBOOK_STRIPE_KEY: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`meterbook serve exited with ${code}`)))
  })
  const address = /^Listening on (\S+)$/.exec(first)?.[1]
  if (!address) throw new Error(`Unexpected first line from meterbook serve: ${first}`)
  return { child, url: address }
}

beforeAll(async () => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first.`)
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium.`)
  seed()
  ;({ child: server, url } = await serve())
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
}, 600_000)
afterAll(async () => {
  await browser?.close()
  server?.kill('SIGTERM')
  rmSync(dir, { recursive: true, force: true })
})

/** One cold load: a fresh context, from the navigation to the first money tile on screen. */
const load = async (): Promise<number> => {
  if (!browser) throw new Error('no browser')
  const context = await browser.newContext({ locale: 'en-US' })
  try {
    const page = await context.newPage()
    const started = performance.now()
    await page.goto(url)
    await page
      .getByTestId(/^tile-/)
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 })
    return performance.now() - started
  } finally {
    await context.close()
  }
}

describe(`the dashboard's first load on ${CUSTOMERS} customers`, () => {
  test('navigation to the money tiles, median of cold loads', async () => {
    await load() // Chromium's own first start-up of a renderer, not the app's.
    const times: number[] = []
    for (let i = 0; i < LOADS; i++) times.push(await load())
    times.sort((a, b) => a - b)
    const median = times[Math.floor(times.length / 2)] ?? Number.NaN
    console.log(
      `first load: median ${median.toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(', ')})`,
    )
    expect(median).toBeLessThan(TARGET_MS)
  }, 300_000)
})
