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

/** The samples billed for November, Acme's invoice finalized; answers its id and number. */
const acmeInvoice = async (page: Page): Promise<{ id: number; number: string }> => {
  await call(page, 'catalog:import', { text: sample('catalog.yaml'), fileName: 'catalog.yaml' })
  await call(page, 'customers:import', { text: sample('customers.csv'), fileName: 'customers.csv' })
  await call(page, 'billing:run', { period: '2026-11' })
  const drafts = await call<{ invoices: { id: number; customerId: string }[] }>(
    page,
    'invoices:list',
    { customer: 'acme' },
  )
  const id = drafts.invoices[0]?.id ?? 0
  const finalized = await call<{ number: string }>(page, 'invoices:finalize', { id })
  return { id, number: finalized.number }
}

test('a dispute flagged from the invoice page moves through review to an accepted resolution and shows in the list', async ({
  page,
  meterbook,
}) => {
  test.slow()
  const invoice = await acmeInvoice(page)
  await page.goto(`${meterbook.origin}/#/invoices/${invoice.id}`)
  await expect(
    page.getByRole('heading', { level: 1, name: `Invoice ${invoice.number}` }),
  ).toBeVisible()

  await page.getByRole('button', { name: 'Flag a dispute' }).click()
  const flag = page.getByRole('dialog', { name: 'Flag a dispute' })
  await flag.getByLabel('Reason').fill('Billed for a seat never used')
  await flag.getByLabel('Amount (USD, optional)').fill('10.00')
  await flag.getByLabel('Customer contact (name, email)').fill('Jane <jane@acme.example>')
  // A deadline already past: the dispute shows as overdue.
  await flag.getByLabel('Deadline (optional)').fill('2026-01-05')
  await flag.getByRole('button', { name: 'Flag dispute' }).click()

  await expect(page.getByRole('heading', { level: 1, name: /^Dispute #\d+$/ })).toBeVisible()
  await expect(page.getByText('$10.00', { exact: true })).toBeVisible()
  await expect(page.getByText(/\(overdue\)/)).toBeVisible()

  await page.getByRole('button', { name: 'Take under review' }).click()
  const review = page.getByRole('dialog', { name: 'Take under review' })
  await review.getByLabel('Note').fill('Checking the seat logs')
  await review.getByRole('button', { name: 'Start review' }).click()
  await expect(review).toBeHidden()
  await expect(page.getByText('Under review', { exact: true })).toBeVisible()

  await page.getByRole('button', { name: 'Resolve', exact: true }).click()
  const resolve = page.getByRole('dialog', { name: 'Resolve the dispute' })
  await resolve.getByLabel('Note (optional)').fill('The seat was never used')
  await resolve.getByRole('button', { name: 'Resolve', exact: true }).click()
  await expect(resolve).toBeHidden()
  await expect(page.getByText('Resolved: accepted', { exact: true })).toBeVisible()
  await expect(page.getByText(/^CN-/)).toBeVisible()
  const history = page.getByRole('list', { name: 'Dispute history' }).getByRole('listitem')
  await expect(history).toHaveCount(3)
  // Resolved: no longer overdue.
  await expect(page.getByText(/\(overdue\)/)).toHaveCount(0)

  await nav(page, 'Disputes')
  await expect(page.getByRole('heading', { level: 1, name: 'Disputes' })).toBeVisible()
  const rows = page.getByRole('grid', { name: 'Disputes' }).locator('[role="row"][data-id]')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('Acme Analytics')
  await expect(rows.first()).toContainText('$10.00')
  await expect(rows.first()).toContainText('Resolved: accepted')
  await page.screenshot({ path: test.info().outputPath('disputes-list.png'), fullPage: true })

  // Back on the invoice: the chip links to the dispute, and the credit note is there.
  await rows.first().click()
  await page.getByRole('link', { name: new RegExp(`^${invoice.number}$`) }).click()
  await expect(
    page.getByRole('heading', { level: 1, name: `Invoice ${invoice.number}` }),
  ).toBeVisible()
  await expect(page.getByRole('link', { name: /Dispute #\d+: Resolved: accepted/ })).toBeVisible()
})
