import { readFileSync } from 'node:fs'
import type { Download, Page } from '@playwright/test'
import {
  createCustomer,
  finalizeOpenDraft,
  importCatalog,
  importUsage,
  months,
  nav,
  runAndOpenDraft,
} from './billing-steps'
import { expect, test } from './fixtures'

// Money and numbers are formatted for the operator's locale; pin it so "$49.00" is what appears.
test.use({ locale: 'en-US', timezoneId: 'UTC' })

const totalRow = (page: Page) =>
  page
    .getByRole('table', { name: 'Invoice lines' })
    .getByRole('row')
    .filter({ hasText: /^Total/ })

test('invoices: a draft regenerated after more usage, finalized, marked uncollectible, then paid, and exported as CSV and for accounting', async ({
  page,
}) => {
  test.slow()
  await importCatalog(page)
  await createCustomer(page)
  await importUsage(page)
  await runAndOpenDraft(page)
  await expect(totalRow(page)).toContainText('$49.00')

  // 5,000 more calls arrive for the period: regenerating the draft prices them ($10.00).
  await importUsage(page, [`evt-4,acme,api_calls,5000,${months.usageAt(25)}`])
  await nav(page, 'Invoices')
  await page.getByRole('row').filter({ hasText: 'Acme Analytics' }).click()
  await expect(totalRow(page)).toContainText('$49.00')
  await page.getByRole('button', { name: 'Regenerate', exact: true }).click()
  await page
    .getByRole('dialog', { name: 'Regenerate this draft?' })
    .getByRole('button', { name: 'Regenerate' })
    .click()
  await expect(totalRow(page)).toContainText('$59.00')

  const number = await finalizeOpenDraft(page)

  // Uncollectible needs a reason; a payment found later still marks it paid.
  await page.getByRole('button', { name: 'Mark uncollectible' }).click()
  const writeOff = page.getByRole('dialog', { name: `Mark ${number} uncollectible?` })
  await expect(writeOff.getByRole('button', { name: 'Mark uncollectible' })).toBeDisabled()
  await writeOff.getByLabel('Reason').fill('Customer in liquidation')
  await writeOff.getByRole('button', { name: 'Mark uncollectible' }).click()
  await expect(writeOff).toBeHidden()
  await expect(page.getByText('Uncollectible', { exact: true })).toBeVisible()

  await page.getByRole('button', { name: 'Mark paid' }).click()
  const paying = page.getByRole('dialog', { name: `Mark ${number} paid?` })
  await paying.getByLabel('Note (optional)').fill('Paid by the administrator')
  await paying.getByRole('button', { name: 'Mark paid' }).click()
  await expect(paying).toBeHidden()
  // Paid: the date is in the details, and only a credit note remains to be done.
  await expect(
    page.getByRole('region', { name: 'Details' }).getByText('Paid', { exact: true }),
  ).toBeVisible()
  await expect(page.getByRole('button', { name: 'Mark paid' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Issue credit note' })).toBeVisible()

  // The history says what was done, newest first, with the reasons given.
  const history = page.getByRole('table', { name: 'Invoice history' }).getByRole('row')
  await expect(history.nth(1)).toContainText('Marked paid')
  await expect(history.nth(1)).toContainText('Paid by the administrator')
  await expect(history.nth(2)).toContainText('Marked uncollectible')
  await expect(history.nth(2)).toContainText('Customer in liquidation')
  await expect(history.nth(3)).toContainText('Finalized')
  await expect(history.nth(4)).toContainText('Regenerated')

  // The list's CSV export has the invoice with its final status and amounts in minor units.
  await nav(page, 'Invoices')
  await page.getByRole('button', { name: 'Export CSV' }).click()
  const download = page.waitForEvent('download')
  await page.getByRole('menuitem', { name: 'Invoices', exact: true }).click()
  const csv = readFileSync(await (await download).path(), 'utf8')
    .trim()
    .split(/\r?\n/)
  expect(csv[0]).toBe(
    'invoice_number,customer_id,currency,subtotal_minor,discount_minor,credit_minor,tax_minor,total_minor,status',
  )
  expect(csv).toContain(`${number},acme,USD,5900,0,0,0,5900,paid`)

  // The accounting export: five CSVs for a range of days, amounts in major units.
  const downloads: Download[] = []
  page.on('download', (d) => downloads.push(d))
  await page.getByRole('button', { name: 'Export CSV' }).click()
  await page.getByRole('menuitem', { name: 'Accounting export…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Accounting export' })
  await dialog.getByLabel('From').fill('2000-01-01')
  await dialog.getByLabel('To').fill('2099-12-31')
  await dialog.getByRole('button', { name: 'Export' }).click()
  await expect(dialog).toBeHidden()
  await expect.poll(() => downloads.length).toBe(5)
  expect(downloads.map((d) => d.suggestedFilename())).toEqual(
    ['invoices', 'invoice-lines', 'credit-notes', 'payments', 'refunds'].map(
      (kind) => `${kind}-2000-01-01-to-2099-12-31.csv`,
    ),
  )
  const accounting = readFileSync(await downloads[0]!.path(), 'utf8').split(/\r?\n/)
  expect(accounting.find((line) => line.startsWith(`${number},paid,acme,`))).toMatch(
    /,USD,59\.00,.*,59\.00$/,
  )
})
