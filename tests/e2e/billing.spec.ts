import { readFileSync } from 'node:fs'
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

test('billing: usage is billed for the period, reviewed, finalized, downloaded as a PDF and voided', async ({
  page,
}) => {
  test.slow()
  await importCatalog(page)
  await createCustomer(page)
  await importUsage(page)

  await nav(page, 'Billing runs')
  await expect(
    page.getByRole('heading', { level: 1, name: 'Billing runs', exact: true }),
  ).toBeVisible()
  await page.getByRole('button', { name: 'New run' }).click()
  const dialog = page.getByRole('dialog', { name: 'New billing run' })
  await dialog.getByLabel('Period', { exact: true }).fill(months.period)

  // The dry run shows the would-be invoice and writes nothing.
  await dialog.getByRole('button', { name: 'Preview (dry run)' }).click()
  const preview = dialog.getByRole('grid', { name: 'Preview' })
  const previewRow = preview.getByRole('row').filter({ hasText: 'Acme Analytics' })
  await expect(previewRow).toContainText('$49.00')
  await expect(dialog).toContainText('1 invoice would be drafted')

  await dialog.getByRole('button', { name: 'Run billing', exact: true }).click()
  await page
    .getByRole('dialog', { name: 'Run billing?' })
    .getByRole('button', {
      name: 'Run billing now',
    })
    .click()

  // The result replaces the dialog: one invoice created, with a link to it.
  const result = page.getByRole('region', { name: 'Run result' })
  await expect(result).toContainText(`Run for ${months.period}`)
  await expect(result.getByTestId('run-created')).toHaveText('1')
  await expect(result.getByTestId('run-failed')).toHaveText('0')
  const item = result.getByRole('row').filter({ hasText: 'Acme Analytics' })
  await expect(item).toContainText('Created')
  await item.getByRole('link', { name: 'Open' }).click()

  // Review: a draft with the base fee and the usage above the included units.
  await expect(
    page.getByRole('heading', { level: 1, name: 'Draft invoice', exact: true }),
  ).toBeVisible()
  const lines = page.getByRole('table', { name: 'Invoice lines' })
  await expect(lines.getByRole('row').filter({ hasText: 'Subtotal' })).toContainText('$49.00')
  await expect(lines.getByRole('row').filter({ hasText: /^Total/ })).toContainText('$49.00')
  await lines
    .getByRole('button', { name: /^Show tier breakdown/ })
    .first()
    .click()
  await expect(lines.getByRole('table', { name: 'Tier breakdown' })).toBeVisible()

  // Nothing is set up for the seller or tax: the draft and the confirmation say so before
  // anything is issued.
  await expect(page.getByRole('alert', { name: 'Finalize warnings' })).toContainText(
    /charges no tax/,
  )
  const number = await finalizeOpenDraft(page, [
    /company's name and address are empty in Settings/,
    /charges no tax/,
  ])
  // Finalized: the status under the page's heading, and the step in the invoice's history.
  const heading = page.getByRole('heading', { level: 1 }).locator('..')
  await expect(heading.getByText('Finalized', { exact: true })).toBeVisible()
  await expect(
    page.getByRole('region', { name: 'History' }).getByText('Finalized', { exact: true }),
  ).toBeVisible()

  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Download PDF' }).click()
  const pdf = await download
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/)
  const bytes = readFileSync(await pdf.path())
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF')

  // The list shows the invoice under its number, finalized.
  await nav(page, 'Invoices')
  const row = page.getByRole('row').filter({ hasText: number })
  await expect(row).toContainText('Finalized')
  await expect(row).toContainText('$49.00')

  // Voiding asks why, and keeps the invoice and its number.
  await row.click()
  await page.getByRole('button', { name: 'Void', exact: true }).click()
  const voiding = page.getByRole('dialog', { name: `Void ${number}?` })
  await expect(voiding.getByRole('button', { name: 'Void invoice' })).toBeDisabled()
  await voiding.getByLabel('Reason').fill('Billed to the wrong entity')
  await voiding.getByRole('button', { name: 'Void invoice' }).click()
  await expect(voiding).toBeHidden()
  await expect(page.getByRole('heading', { level: 1, name: `Invoice ${number}` })).toBeVisible()
  await expect(page.getByText('Void', { exact: true })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Issue credit note' })).toHaveCount(0)
})

test('billing: a draft is edited by hand, then a credit note corrects it once finalized and credits the customer', async ({
  page,
}) => {
  test.slow()
  await importCatalog(page)
  await createCustomer(page)
  await importUsage(page)
  await runAndOpenDraft(page)

  // A draft takes a line by hand, priced by main from the decimal strings typed; and drops it.
  const lines = page.getByRole('table', { name: 'Invoice lines' })
  await page.getByRole('button', { name: 'Add manual line' }).click()
  const manual = page.getByRole('dialog', { name: 'Add a manual line' })
  await manual.getByLabel('Description').fill('Onboarding call')
  await manual.getByLabel('Quantity').fill('2')
  await manual.getByLabel('Unit amount (USD)').fill('2.50')
  await manual.getByRole('button', { name: 'Add line' }).click()
  await expect(manual).toBeHidden()
  await expect(lines.getByRole('row').filter({ hasText: 'Onboarding call' })).toContainText('$5.00')
  await expect(lines.getByRole('row').filter({ hasText: /^Total/ })).toContainText('$54.00')
  await lines.getByRole('button', { name: 'Remove line Onboarding call' }).click()
  await page
    .getByRole('dialog', { name: 'Remove this line?' })
    .getByRole('button', { name: 'Remove line' })
    .click()
  await expect(lines.getByRole('row').filter({ hasText: 'Onboarding call' })).toHaveCount(0)
  await expect(lines.getByRole('row').filter({ hasText: /^Total/ })).toContainText('$49.00')
  await finalizeOpenDraft(page)

  await page.getByRole('button', { name: 'Issue credit note' }).click()
  const credit = page.getByRole('dialog', { name: 'Issue a credit note' })
  await credit.getByLabel('Reason').fill('Outage on the 12th')
  await credit.getByLabel('Line 1 description').fill('Service credit')
  // Not an amount in USD: refused before anything is sent.
  await credit.getByLabel('Line 1 amount (USD)').fill('10.005')
  await expect(credit.getByText('An amount in USD such as 10.00')).toBeVisible()
  await expect(credit.getByRole('button', { name: 'Issue credit note' })).toBeDisabled()
  await credit.getByLabel('Line 1 amount (USD)').fill('10.00')
  await expect(credit).toContainText('Before tax: $10.00')
  // Where the money goes is chosen, never assumed; paying back needs a paid invoice.
  await expect(credit.getByRole('button', { name: 'Issue credit note' })).toBeDisabled()
  await expect(credit.getByRole('radio', { name: /Refund through Stripe/ })).toBeDisabled()
  await expect(credit.getByRole('radio', { name: /Paid back outside Meterbook/ })).toBeDisabled()
  await credit.getByRole('radio', { name: /Add to the customer's credit balance/ }).check()
  await credit.getByRole('button', { name: 'Issue credit note' }).click()
  // A confirmation says what will happen before anything is issued.
  await expect(credit).toContainText('$10.00 before tax')
  await expect(credit).toContainText('Nothing is paid out.')
  await credit.getByRole('button', { name: 'Add to credit balance' }).click()
  await expect(credit).toBeHidden()

  const notes = page.getByRole('table', { name: 'Credit notes' })
  await expect(notes.getByRole('row').filter({ hasText: 'Outage on the 12th' })).toContainText(
    '$10.00',
  )
  await expect(notes).toContainText('Credit balance')

  // The credit went to the customer's balance.
  await page.getByRole('link', { name: 'Acme Analytics' }).click()
  await expect(page.getByTestId('credit-balance-USD')).toContainText('$10.00')
  await expect(page.getByRole('grid', { name: 'Customer invoices' })).toContainText('Finalized')
})

test('billing settings: a bad tax rate is explained under its field; the schedule shows its next run', async ({
  page,
}) => {
  await nav(page, 'Settings')
  const taxes = page.getByRole('region', { name: 'Tax rates' })
  await taxes.getByRole('button', { name: 'Add tax rate' }).click()
  await taxes.getByLabel('Region 1').fill('DE')
  await taxes.getByLabel('Tax name 1').fill('VAT')
  await taxes.getByLabel('Rate percent 1').fill('19,5')
  const schedule = page.getByRole('region', { name: 'Billing schedule' })
  await schedule.getByLabel('Run billing on a schedule').check()
  await schedule.getByLabel('Day of month').fill('2')
  const save = page.getByRole('button', { name: 'Save', exact: true })
  await save.click()
  await expect(taxes.getByText('must be a percentage such as 19 or 8.875')).toBeVisible()
  // Nothing was saved: the schedule is still off.
  await expect(schedule.getByTestId('schedule-next')).toHaveText('The schedule is off.')

  await taxes.getByLabel('Rate percent 1').fill('19')
  await save.click()
  await expect(page.getByText('Settings saved')).toBeVisible()
  await expect(schedule.getByTestId('schedule-next')).toContainText(
    /^Next run: .+ 2, \d{4}, 2:00 AM \(UTC\)/,
  )
  await page.reload()
  await expect(
    page.getByRole('region', { name: 'Tax rates' }).getByLabel('Rate percent 1'),
  ).toHaveValue('19')
})

test('customer billing: a status change is recorded in the history; credit and a discount are added', async ({
  page,
}) => {
  test.slow()
  await importCatalog(page)
  await createCustomer(page)

  await page.getByRole('button', { name: 'Change status' }).click()
  const status = page.getByRole('dialog', { name: "Change the subscription's status" })
  await status.getByRole('combobox', { name: 'New status' }).click()
  await page.getByRole('option', { name: 'Past due' }).click()
  await status.getByLabel('Reason').fill('Card declined twice')
  await status.getByRole('button', { name: 'Change status' }).click()
  await expect(status).toBeHidden()
  const history = page.getByRole('table', { name: 'Status history' })
  await expect(history.getByRole('row').filter({ hasText: 'Card declined twice' })).toContainText(
    'Past due',
  )

  await page.getByRole('button', { name: 'Grant or refund credit' }).click()
  const credit = page.getByRole('dialog', { name: 'Add to the credit ledger' })
  await credit.getByLabel('Amount (USD)').fill('25.50')
  await credit.getByLabel('Note').fill('Goodwill')
  await credit.getByRole('button', { name: 'Grant credit' }).click()
  await expect(credit).toBeHidden()
  await expect(page.getByTestId('credit-balance-USD')).toContainText('$25.50')
  await expect(page.getByRole('table', { name: 'Credit ledger USD' })).toContainText('Goodwill')

  await page.getByRole('button', { name: 'New discount' }).click()
  const discount = page.getByRole('dialog', { name: 'New discount' })
  await discount.getByLabel('Description').fill('Launch offer')
  await discount.getByLabel('Percent').fill('10')
  await discount.getByRole('button', { name: 'Create discount' }).click()
  await expect(discount).toBeHidden()
  const row = page
    .getByRole('table', { name: 'Discounts' })
    .getByRole('row', { name: /Launch offer/ })
  await expect(row).toContainText('10%')
  await expect(row).toContainText('Active')
  await row.getByRole('button', { name: 'Deactivate Launch offer' }).click()
  await page
    .getByRole('dialog', { name: 'Deactivate this discount?' })
    .getByRole('button', { name: 'Deactivate' })
    .click()
  await expect(row).toContainText('Ended')
})

test('plan terms: a minimum commitment typed in major units and a grace period are saved exactly', async ({
  page,
}) => {
  await nav(page, 'Catalog')
  await page.getByRole('button', { name: 'New plan' }).click()
  const dialog = page.getByRole('dialog', { name: 'New plan' })
  await dialog.getByLabel('Name', { exact: true }).fill('Scale')
  await dialog.getByLabel('ID', { exact: true }).fill('scale')
  await dialog.getByLabel('Currency').fill('USD')
  await dialog.getByLabel('Base price').fill('99')
  await dialog.getByLabel('Base price').press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Scale', exact: true })).toBeVisible()

  const commitment = page.getByLabel('Minimum commitment (USD)')
  await commitment.fill('250.005')
  await expect(commitment).toHaveAccessibleDescription('Enter an amount in USD such as 49.00')
  await commitment.fill('250.5')
  await page.getByLabel('Grace period days').fill('7')
  await page.getByRole('button', { name: 'Save draft' }).click()
  await expect(page.getByText('Draft version 1 saved')).toBeVisible()
  // Stored as 25050 minor units and shown back in major units.
  await page.reload()
  await expect(page.getByLabel('Minimum commitment (USD)')).toHaveValue('250.50')
  await expect(page.getByLabel('Grace period days')).toHaveValue('7')
})
