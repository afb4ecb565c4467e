import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect } from './fixtures'

// Steps the billing specs share: a catalog, a customer, usage, a billing run.

/** The fixture catalog, in effect already (its own date is in the future of some test runs). */
const catalogYaml = readFileSync(
  new URL('../fixtures/catalog.yaml', import.meta.url),
  'utf8',
).replace('effectiveDate: 2026-12-01', 'effectiveDate: 2026-01-01')

const pad = (n: number): string => String(n).padStart(2, '0')

/**
 * The month before this one (UTC, the default business time zone): the period billed. The
 * customer starts on the 1st of the month before it, so its 14-day trial is long over and the
 * billed month is one whole paid period on the calendar (anchor day 1).
 */
export const months = (() => {
  const now = new Date()
  const billed = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1))
  return {
    period: `${billed.getUTCFullYear()}-${pad(billed.getUTCMonth() + 1)}`,
    usageAt: (day: number) =>
      `${billed.getUTCFullYear()}-${pad(billed.getUTCMonth() + 1)}-${pad(day)}T12:00:00Z`,
    startDate: `${start.getUTCFullYear()}-${pad(start.getUTCMonth() + 1)}-01`,
  }
})()

export const writeTemp = (name: string, text: string): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'mb-billing-')), name)
  writeFileSync(path, text)
  return path
}

export const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('link', { name }).click()

export const importCatalog = async (page: Page) => {
  await nav(page, 'Catalog')
  await page.getByLabel('Catalog file to import').setInputFiles({
    name: 'catalog.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(catalogYaml),
  })
  const result = page.getByRole('dialog', { name: 'Import catalog.yaml' })
  await expect(result.getByRole('row').filter({ hasText: 'starter' })).toContainText('Created')
  await result.getByRole('button', { name: 'Close' }).click()
}

export const createCustomer = async (page: Page, options: { email?: string } = {}) => {
  await nav(page, 'Customers')
  await page.getByRole('button', { name: 'New customer' }).click()
  const dialog = page.getByRole('dialog', { name: 'New customer' })
  await dialog.getByLabel('External id').fill('acme')
  await dialog.getByLabel('Name', { exact: true }).fill('Acme Analytics')
  if (options.email) await dialog.getByLabel('Email', { exact: true }).fill(options.email)
  await dialog.getByRole('combobox', { name: 'Plan' }).click()
  await page.getByRole('option', { name: /^Starter/ }).click()
  await dialog.getByLabel('Start date').fill(months.startDate)
  await dialog.getByRole('button', { name: 'Create customer' }).click()
  await expect(
    page.getByRole('heading', { level: 1, name: 'Acme Analytics', exact: true }),
  ).toBeVisible()
}

/** 25,000 API calls in the billed month: 10,000 included, 15,000 at $0.002 = $30.00. */
const defaultUsage = [
  `evt-1,acme,api_calls,10000,${months.usageAt(3)}`,
  `evt-2,acme,api_calls,10000,${months.usageAt(11)}`,
  `evt-3,acme,api_calls,5000,${months.usageAt(20)}`,
]

/** Imports usage rows (after the default columns' header) through the wizard. */
export const importUsage = async (page: Page, rows: string[] = defaultUsage) => {
  const file = writeTemp(
    'usage.csv',
    ['event_id,customer_id,metric,quantity,timestamp', ...rows, ''].join('\n'),
  )
  await nav(page, 'Usage')
  await page.getByLabel('Usage file to import').setInputFiles(file)
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(page.getByRole('combobox', { name: 'Customer column' })).toHaveText('customer_id')
  await page.getByRole('button', { name: 'Next' }).click()
  await page.getByRole('button', { name: 'Start import' }).click()
  await expect(page.getByTestId('count-imported')).toHaveText(String(rows.length))
  // The wizard keeps showing its result; the next import starts from the file choice.
  await page.getByRole('button', { name: 'Import another file' }).click()
  await expect(page.getByLabel('Usage file to import')).toBeAttached()
}

/** Runs billing for the billed month and opens the draft it made for Acme. */
export const runAndOpenDraft = async (page: Page) => {
  await nav(page, 'Billing runs')
  await page.getByRole('button', { name: 'New run' }).click()
  const dialog = page.getByRole('dialog', { name: 'New billing run' })
  await dialog.getByLabel('Period', { exact: true }).fill(months.period)
  await dialog.getByRole('button', { name: 'Run billing', exact: true }).click()
  await page
    .getByRole('dialog', { name: 'Run billing?' })
    .getByRole('button', { name: 'Run billing now' })
    .click()
  await page
    .getByRole('region', { name: 'Run result' })
    .getByRole('row')
    .filter({ hasText: 'Acme Analytics' })
    .getByRole('link', { name: 'Open' })
    .click()
  await expect(
    page.getByRole('heading', { level: 1, name: 'Draft invoice', exact: true }),
  ).toBeVisible()
}

/**
 * Finalizes the draft on screen, confirmed, and returns the number it got. `warnings`: what the
 * confirmation must say first (a fresh data folder has no seller details and no tax rates).
 */
export const finalizeOpenDraft = async (page: Page, warnings: RegExp[] = []): Promise<string> => {
  await page.getByRole('button', { name: 'Finalize', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Finalize this invoice?' })
  const shown = dialog.getByRole('alert', { name: 'Finalize warnings' })
  for (const warning of warnings) await expect(shown).toContainText(warning)
  if (warnings.length > 0)
    await dialog.getByRole('button', { name: 'Finalize invoice anyway' }).click()
  else await dialog.getByRole('button', { name: 'Finalize invoice' }).click()
  const heading = page.getByRole('heading', { level: 1, name: /^Invoice MB-\d{4}-\d+$/ })
  await expect(heading).toBeVisible()
  return (await heading.textContent())?.replace('Invoice ', '') ?? ''
}
