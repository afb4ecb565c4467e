import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import Database from 'better-sqlite3'
import { months } from './billing-steps'
import { expect, invokeFromPage, test } from './fixtures'

test.use({ locale: 'en-US', timezoneId: 'UTC' })

/** Starter (USD): base 19.00; api_calls 10,000 included, then 0.002 a call up to 100,000. */
const catalog = readFileSync(new URL('../fixtures/catalog.yaml', import.meta.url), 'utf8').replace(
  'effectiveDate: 2026-12-01',
  'effectiveDate: 2026-01-01',
)

const dollars = (minor: number): string =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minor / 100)

/** Usage events written as an import leaves them: [event id, metric, quantity, timestamp]. */
const addUsage = (db: Database.Database, events: [string, string, number, string][]): void => {
  const seq = db
    .prepare<[string], number>(
      `INSERT INTO usage_import (id, seq, file_name, format, policy, status, mapping_json, operator,
         started_at)
       VALUES ('e2e-import', (SELECT COALESCE(MAX(seq), 0) + 1 FROM usage_import), 'e2e.csv',
         'csv', 'keep_valid', 'completed', '{}', 'e2e', ?) RETURNING seq`,
    )
    .pluck()
    .get(new Date().toISOString())
  const insert = db.prepare(
    `INSERT INTO usage_event (event_id, customer_id, metric, quantity_micros, ts, import_seq, late)
     VALUES (?, 1, ?, ?, ?, ?, 0)`,
  )
  for (const [id, metric, quantity, ts] of events)
    insert.run(id, metric, quantity * 1_000_000, Date.parse(ts), seq)
}

/** Calls a channel from the page with its token and answers the value (the call must succeed). */
const call = async <T>(page: Page, channel: string, input: unknown): Promise<T> => {
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
      return (await response.json()) as { ok: boolean; value: unknown }
    },
    [channel, input] as const,
  )
  expect(result, `${channel} failed`).toMatchObject({ ok: true })
  return result.value as T
}

/** The customer's charge for api_calls at 0.002 a call (minor units): integers only. */
const callsCharge = (used: number, included: number): number =>
  (Math.max(0, used - included) * 2) / 10

test('the customer page answers what is owed, what is coming and what the contract says', async ({
  page,
  meterbook,
}) => {
  test.slow()
  await invokeFromPage(page, 'catalog:import', { text: catalog, fileName: 'catalog.yaml' })
  await invokeFromPage(page, 'customers:save', {
    externalId: 'acme',
    name: 'Acme Analytics',
    subscription: { planId: 'starter', startDate: months.startDate, trialEnd: null },
  })
  const db = new Database(join(meterbook.dataDir, 'ledger.sqlite'))
  // Last month: 40,000 calls, billed and finalized; this month so far: 25,000.
  const lastMinute = new Date(Date.now() - 60_000).toISOString()
  addUsage(db, [
    ['last-1', 'api_calls', 40_000, months.usageAt(10)],
    ['now-1', 'api_calls', 25_000, lastMinute],
  ])
  await invokeFromPage(page, 'billing:run', { period: months.period })
  const invoiceId = db.prepare<[], number>('SELECT id FROM invoice').pluck().get() ?? 0
  await invokeFromPage(page, 'invoices:finalize', { id: invoiceId })
  // Overdue: its due day moved to before today; its collection failed and waits in the queue.
  db.prepare("UPDATE invoice SET due_date = date('now', '-3 days') WHERE id = ?").run(invoiceId)
  db.prepare(
    `INSERT INTO payment_failure (operation, invoice_id, customer_id, amount_minor, currency,
       error_type, decline_code, message, strategy, attempts, max_attempts, status, context_json,
       created_at, updated_at)
     VALUES ('invoice.collect', ?, 1, ?, 'USD', 'card_error', 'card_declined', 'Declined',
       'exponential', 1, 4, 'open', '{}', ?, ?)`,
  ).run(invoiceId, 1900 + callsCharge(40_000, 10_000), lastMinute, lastMinute)
  db.close()

  await page.goto(`${meterbook.origin}/#/customers/acme`)
  await expect(page.getByRole('heading', { level: 1, name: 'Acme Analytics' })).toBeVisible()

  // Owed and overdue: last month's invoice, 19.00 + 30,000 × 0.002.
  const owed = 1900 + callsCharge(40_000, 10_000)
  const due = page.getByRole('region', { name: 'Amount due' })
  await expect(due.getByTestId('amount-due')).toContainText(dollars(owed))
  await expect(due.getByTestId('amount-overdue')).toContainText(dollars(owed))
  await expect(due.getByRole('link', { name: 'The overdue invoice' })).toHaveAttribute(
    'href',
    /\/invoices\?overdue=1&q=acme$/,
  )
  await expect(due.getByRole('link', { name: /A payment failed/ })).toHaveAttribute(
    'href',
    /\/retries\?customer=acme$/,
  )

  // The estimate: base and this month's calls so far, as computed here by hand.
  const estimate = page.getByRole('table', { name: 'Upcoming invoice estimate' })
  const expectEstimate = async (included: number, used = 25_000): Promise<void> => {
    const calls = callsCharge(used, included)
    await expect(estimate.getByTestId('estimate-line-1')).toContainText(dollars(calls))
    await expect(estimate.getByTestId('estimate-line-0')).toContainText(dollars(1900))
    await expect(estimate.getByTestId('estimate-total')).toContainText(dollars(1900 + calls))
  }
  await expectEstimate(10_000)
  // The meter: 250% of the included calls used, the 15,000 over costing 30.00.
  await expect(page.getByTestId('meter-api_calls')).toContainText('250% used')
  await expect(page.getByTestId('overage-api_calls')).toContainText(
    `15,000 call over: ${dollars(callsCharge(25_000, 10_000))}`,
  )
  await page.screenshot({ path: test.info().outputPath('customer-page.png'), fullPage: true })

  // The contract: a bad value is explained under its field, a good one saved and billed.
  const overrides = page.getByRole('form', { name: 'Contract overrides' })
  const included = overrides.getByTestId('override-api_calls').getByLabel('Included units')
  await expect(overrides.getByTestId('override-api_calls')).toContainText('Plan: 10,000')
  await included.fill('-5')
  await overrides.getByRole('button', { name: 'Save overrides' }).click()
  await expect(overrides.getByTestId('override-api_calls')).toContainText(
    'must be a non-negative decimal number',
  )
  await included.fill('20000')
  await overrides.getByRole('button', { name: 'Save overrides' }).click()
  await expect(overrides.getByRole('status')).toHaveText('Overrides saved')
  await expectEstimate(20_000)
  await expect(page.getByTestId('overage-api_calls')).toContainText(
    `5,000 call over: ${dollars(callsCharge(25_000, 20_000))}`,
  )
  await page.screenshot({
    path: test.info().outputPath('customer-page-override.png'),
    fullPage: true,
  })

  // Back to the plan's terms: the field cleared, the plan's included units bill again.
  await overrides.getByRole('button', { name: "Use the plan's terms for API calls" }).click()
  await overrides.getByRole('button', { name: 'Save overrides' }).click()
  await expect(overrides.getByRole('status')).toHaveText('Overrides saved')
  await expectEstimate(10_000)

  // Usage arriving (an import, here through the channel as another window would) refreshes the
  // estimate on the open page, without a reload.
  const csv = `event_id,customer_id,metric,quantity,timestamp\nnow-2,acme,api_calls,5000,${lastMinute}\n`
  const started = await call<{ id: string }>(page, 'usage:import-begin', {
    fileName: 'more.csv',
    format: 'csv',
    mapping: {
      event_id: 'event_id',
      customer_id: 'customer_id',
      metric: 'metric',
      quantity: 'quantity',
      timestamp: 'timestamp',
    },
    policy: 'keep_valid',
    totalBytes: Buffer.byteLength(csv),
  })
  await call(page, 'usage:import-chunk', { importId: started.id, text: csv, last: true })
  await expectEstimate(10_000, 30_000)
})
