import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { nav } from './billing-steps'
import { expect, test } from './fixtures'

test.use({ locale: 'en-US', timezoneId: 'UTC' })

const sample = (name: string): string =>
  readFileSync(new URL(`../../resources/samples/${name}`, import.meta.url), 'utf8')

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

type Row = { id: number; customerId: string; customerName: string; totalMinor: number }

/** The samples: two plans, five customers, November billed; Acme's and Globex's invoices issued. */
const seed = async (page: Page): Promise<Row[]> => {
  await call(page, 'catalog:import', { text: sample('catalog.yaml'), fileName: 'catalog.yaml' })
  await call(page, 'customers:import', { text: sample('customers.csv'), fileName: 'customers.csv' })
  await call(page, 'billing:run', { period: '2026-11' })
  const drafts = await call<{ invoices: Row[] }>(page, 'invoices:list', { limit: 100 })
  for (const invoice of drafts.invoices.filter((i) => ['acme', 'globex'].includes(i.customerId))) {
    await call(page, 'invoices:finalize', { id: invoice.id })
  }
  return drafts.invoices
}

const column = (page: Page, grid: string, field: string) =>
  page.getByRole('grid', { name: grid }).locator(`[role="row"][data-id] [data-field="${field}"]`)

test('invoices and customers sort by their headers and filter on the server, in the order of the data', async ({
  page,
}) => {
  test.slow()
  const invoices = await seed(page)
  expect(invoices).toHaveLength(5)

  await nav(page, 'Invoices')
  const status = page.getByRole('group', { name: 'Status' })
  await expect(status.getByRole('button', { name: 'Draft (3)' })).toBeVisible()
  await expect(status.getByRole('button', { name: 'Finalized (2)' })).toBeVisible()

  // Total, twice: the largest first, equal totals newest (highest id) first.
  const byTotalDesc = [...invoices]
    .sort((a, b) => b.totalMinor - a.totalMinor || b.id - a.id)
    .map((i) => `${i.customerName} (${i.customerId})`)
  // Each click waits for its order to reach the address, as a person sees the arrow turn.
  await page.getByRole('columnheader', { name: 'Total' }).click()
  await expect(page).toHaveURL(/sort=amount/)
  await page.getByRole('columnheader', { name: 'Total' }).click()
  await expect(page).toHaveURL(/sort=-amount/)
  await expect(column(page, 'Invoices', 'customerName')).toHaveText(byTotalDesc)

  // The Finalized chip keeps the order and keeps its counts.
  await status.getByRole('button', { name: 'Finalized (2)' }).click()
  await expect(column(page, 'Invoices', 'customerName')).toHaveText(
    byTotalDesc.filter((name) => /\((acme|globex)\)$/.test(name)),
  )
  await expect(status.getByRole('button', { name: 'Draft (3)' })).toBeVisible()

  await nav(page, 'Customers')
  const names = (
    await call<{ customers: { name: string }[] }>(page, 'customers:list', {})
  ).customers.map((c) => c.name)
  await page.getByRole('columnheader', { name: 'Name' }).click()
  await expect(page).toHaveURL(/sort=name/)
  await page.getByRole('columnheader', { name: 'Name' }).click()
  await expect(page).toHaveURL(/sort=-name/)
  await expect(column(page, 'Customers', 'name')).toHaveText([...names].sort().reverse())

  await page.getByRole('combobox', { name: 'Plan' }).click()
  await page.getByRole('option', { name: 'Growth' }).click()
  await expect(column(page, 'Customers', 'name')).toHaveText(['Umbrella Corp', 'Globex, Inc.'])
  await page.screenshot({ path: test.info().outputPath('customers-sorted.png') })
})

test('the Payments page lists a payment received, its total the sum of the rows; the outbox waits collapsed', async ({
  page,
}) => {
  const invoices = await seed(page)
  const paid = invoices.filter((i) => ['acme', 'globex'].includes(i.customerId))
  for (const invoice of paid) await call(page, 'invoices:mark-paid', { id: invoice.id })
  const sum = paid.reduce((total, i) => total + i.totalMinor, 0)

  await nav(page, 'Payments')
  await expect(column(page, 'Payments and refunds', 'method')).toHaveText(['Outside', 'Outside'])
  await expect(page.getByTestId('payment-totals')).toContainText(
    `2 rows · total $${(sum / 100).toFixed(2)}`,
  )
  await page.getByRole('columnheader', { name: 'Amount' }).click()
  await expect(column(page, 'Payments and refunds', 'customerName')).toHaveText(
    [...paid]
      .sort((a, b) => a.totalMinor - b.totalMinor)
      .map((i) => `${i.customerName} (${i.customerId})`),
  )
  const sync = page.getByRole('button', { name: /Sync with Stripe/ })
  await expect(sync).toHaveAttribute('aria-expanded', 'false')
  await sync.click()
  await expect(page.getByRole('group', { name: 'Outbox status' })).toBeVisible()
})
