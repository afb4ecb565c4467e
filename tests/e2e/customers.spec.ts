import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

// Numbers are formatted for the operator's locale; pin it so "10,000" is what appears.
test.use({ locale: 'en-US', timezoneId: 'UTC' })

/**
 * The fixture catalog takes effect on 2026-12-01; a new subscription takes the version in effect
 * today, so the test moves the date back to keep working whatever day it runs.
 */
const catalogYaml = readFileSync(
  new URL('../fixtures/catalog.yaml', import.meta.url),
  'utf8',
).replace('effectiveDate: 2026-12-01', 'effectiveDate: 2026-01-01')

const importCatalog = async (page: Page) => {
  await page.getByRole('navigation').getByRole('link', { name: 'Catalog' }).click()
  await page.getByLabel('Catalog file to import').setInputFiles({
    name: 'catalog.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(catalogYaml),
  })
  const result = page.getByRole('dialog', { name: 'Import catalog.yaml' })
  await expect(result.getByRole('row').filter({ hasText: 'starter' })).toContainText('Created')
  await result.getByRole('button', { name: 'Close' }).click()
}

const openCustomers = async (page: Page) => {
  await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click()
  await expect(
    page.getByRole('heading', { level: 1, name: 'Customers', exact: true }),
  ).toBeVisible()
}

test('customers: a customer created on a plan shows its details, subscription and meters', async ({
  page,
}) => {
  test.slow()
  await importCatalog(page)
  await openCustomers(page)

  await page.getByRole('button', { name: 'New customer' }).click()
  const dialog = page.getByRole('dialog', { name: 'New customer' })
  await dialog.getByLabel('External id').fill('acme')
  await dialog.getByLabel('Name', { exact: true }).fill('Acme Analytics')
  await dialog.getByLabel('Email', { exact: true }).fill('billing@acme.example')
  await dialog.getByLabel('Billing address').fill('Hauptstraße 1\n10115 Berlin')
  await dialog.getByLabel('Tax region').fill('DE')
  await dialog.getByRole('combobox', { name: 'Plan' }).click()
  await page.getByRole('option', { name: /^Starter/ }).click()
  await dialog.getByLabel('Start date').fill('2026-10-15')
  await dialog.getByRole('button', { name: 'Create customer' }).click()

  // Saving opens the customer's page.
  await expect(
    page.getByRole('heading', { level: 1, name: 'Acme Analytics', exact: true }),
  ).toBeVisible()
  const details = page.getByRole('region', { name: 'Details' })
  await expect(details).toContainText('billing@acme.example')
  // No currency typed: the plan's.
  await expect(details).toContainText('USD')
  await expect(details).toContainText('10115 Berlin')
  const subscription = page.getByRole('region', { name: 'Subscription' })
  await expect(subscription).toContainText('starter')
  await expect(subscription).toContainText('version 1')
  // Dates read in the browser's locale (en-US in the Playwright config), never as ISO.
  await expect(subscription).toContainText('Oct 15, 2026')
  await expect(subscription).toContainText('Active')

  const apiCalls = page.getByTestId('meter-api_calls')
  await expect(apiCalls).toContainText('API calls')
  await expect(apiCalls).toContainText('0 / 10,000 call')
  await expect(apiCalls).toContainText('0% used')
  await expect(apiCalls).toContainText('Resets')
  await expect(page.getByTestId('meter-seats')).toContainText('0 / 5')
  await expect(page.getByText('Single sign-on: off')).toBeVisible()

  // Edit opens the same form, filled in; the external id cannot change.
  await page.getByRole('button', { name: 'Edit', exact: true }).click()
  const edit = page.getByRole('dialog', { name: 'Edit Acme Analytics' })
  await expect(edit.getByLabel('External id')).toHaveValue('acme')
  await expect(edit.getByLabel('External id')).toHaveAttribute('readonly', '')
  await expect(edit.getByLabel('Email', { exact: true })).toHaveValue('billing@acme.example')
  await expect(edit.getByRole('combobox', { name: 'Plan' })).toContainText('Starter')
  await edit.getByLabel('Notes').fill('Pays by wire transfer')
  await edit.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('Customer saved')).toBeVisible()
  await expect(details).toContainText('Pays by wire transfer')

  // The list shows the customer, and the search narrows it.
  await page.getByRole('link', { name: 'All customers' }).click()
  const row = page.getByRole('row').filter({ hasText: 'acme' })
  await expect(row).toContainText('starter v1')
  await expect(row).toContainText('Active')
  await page.getByLabel('Search').fill('nobody')
  await expect(page.getByRole('row').filter({ hasText: 'acme' })).toHaveCount(0)
  await page.getByLabel('Search').fill('ACME')
  await row.click()
  await expect(
    page.getByRole('heading', { level: 1, name: 'Acme Analytics', exact: true }),
  ).toBeVisible()
})

test('customers: a bad email is explained under its field and nothing is saved', async ({
  page,
}) => {
  await openCustomers(page)
  await page.getByRole('button', { name: 'New customer' }).click()
  const dialog = page.getByRole('dialog', { name: 'New customer' })
  await dialog.getByLabel('External id').fill('initech')
  await dialog.getByLabel('Name', { exact: true }).fill('Initech')
  await dialog.getByLabel('Email', { exact: true }).fill('not-an-email')
  await dialog.getByLabel('Currency').fill('USD')
  await dialog.getByRole('button', { name: 'Create customer' }).click()

  const email = dialog.getByLabel('Email', { exact: true })
  await expect(email).toHaveAttribute('aria-invalid', 'true')
  await expect(email).toHaveAccessibleDescription('must be a valid email address')
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'false')

  // Typing in the field clears its message.
  await email.fill('it@initech.example')
  await expect(email).toHaveAttribute('aria-invalid', 'false')

  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByText('No customers yet.')).toBeVisible()
})

test('customers: a CSV import reports created rows and each rejected row with its reason', async ({
  page,
}) => {
  await importCatalog(page)
  await openCustomers(page)
  const csv = readFileSync(new URL('../fixtures/customers.csv', import.meta.url), 'utf8')
  await page.getByLabel('Customer CSV file to import').setInputFiles({
    name: 'customers.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  })
  const result = page.getByRole('dialog', { name: 'Import customers.csv' })
  await expect(result.getByTestId('count-read')).toHaveText('5')
  await expect(result.getByTestId('count-created')).toHaveText('2')
  await expect(result.getByTestId('count-rejected')).toHaveText('3')
  const rejects = result.getByRole('table', { name: 'Rejected rows' })
  await expect(rejects.getByRole('row').filter({ hasText: 'not-an-email' })).toContainText('email')
  await expect(rejects.getByRole('row').filter({ hasText: '2026-13-01' })).toBeVisible()
  await result.getByRole('button', { name: 'Close' }).click()
  await expect(page.getByRole('row').filter({ hasText: 'globex' })).toContainText('business v1')
})
