import { readFileSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { formatMinor } from '../../src-shared/money'
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

type Row = { id: number; customerId: string; totalMinor: number; currency: string }

test('reports: pick a month, read invoiced, collected and outstanding per customer, download the CSV, age the receivables', async ({
  page,
}) => {
  test.slow()
  // The samples billed for November; acme's and globex's invoices issued today, acme's paid.
  await call(page, 'catalog:import', { text: sample('catalog.yaml'), fileName: 'catalog.yaml' })
  await call(page, 'customers:import', { text: sample('customers.csv'), fileName: 'customers.csv' })
  await call(page, 'billing:run', { period: '2026-11' })
  const drafts = await call<{ invoices: Row[] }>(page, 'invoices:list', { limit: 100 })
  const acme = drafts.invoices.find((i) => i.customerId === 'acme')
  const globex = drafts.invoices.find((i) => i.customerId === 'globex')
  if (!acme || !globex) throw new Error('the samples bill acme and globex')
  for (const invoice of [acme, globex]) await call(page, 'invoices:finalize', { id: invoice.id })
  await call(page, 'invoices:mark-paid', { id: acme.id })
  const money = (minor: number, currency: string) => formatMinor(minor, currency, 'en-US')
  // Issued today, by the server's clock, in its business time zone (UTC by default).
  const month = new Date().toISOString().slice(0, 7)

  await nav(page, 'Reports')
  await expect(page.getByRole('heading', { level: 1, name: 'Reports', exact: true })).toBeVisible()
  const billing = page.getByRole('table', { name: 'Billing by customer' })
  // A month before anything was issued, then the month the invoices were issued in.
  await page.getByLabel('Month').fill('2025-01')
  await expect(billing).toContainText('Nothing invoiced, collected, credited or owed')
  await page.getByLabel('Month').fill(month)
  // Customer, currency, invoices, invoiced, collected, credited, outstanding.
  const acmeRow = billing.getByRole('row').filter({ hasText: '(acme)' })
  await expect(acmeRow.getByRole('cell')).toHaveText([
    'Acme Analytics (acme)',
    acme.currency,
    '1',
    money(acme.totalMinor, acme.currency),
    money(acme.totalMinor, acme.currency),
    money(0, acme.currency),
    money(0, acme.currency),
  ])
  const globexRow = billing.getByRole('row').filter({ hasText: '(globex)' })
  await expect(globexRow.getByRole('cell').nth(6)).toHaveText(
    money(globex.totalMinor, globex.currency),
  )
  await page.screenshot({ path: test.info().outputPath('reports-month.png'), fullPage: true })
  // The page passes axe-core's WCAG 2 A and AA rules (serious and critical), as every page must.
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()
  expect(
    axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([])

  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Download CSV' }).click()
  const file = await download
  expect(file.suggestedFilename()).toBe(`usage-billing-${month}.csv`)
  const csv = readFileSync(await file.path(), 'utf8')
  expect(csv.split('\r\n')[0]).toBe(
    'section,customer_id,customer_name,currency,metric,events,quantity,invoices,invoiced,payments,refunds,collected,credited,outstanding',
  )
  expect(csv).toContain(`billing,acme,Acme Analytics,${acme.currency},,,,1,`)

  await page.getByRole('button', { name: 'Aged receivables' }).click()
  const aged = page.getByRole('table', { name: 'Aged receivables' })
  // Globex's invoice is due in the payment terms: current, and all that is owed.
  const owed = aged.getByRole('row').filter({ hasText: '(globex)' })
  await expect(owed.getByRole('cell').nth(2)).toHaveText(money(globex.totalMinor, globex.currency))
  await expect(aged.getByRole('row').filter({ hasText: '(acme)' })).toHaveCount(0)
  await page.screenshot({ path: test.info().outputPath('reports-aged.png'), fullPage: true })
})
