import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { startFakeStripe, type FakeStripe } from '../fakes/stripe'
import {
  createCustomer,
  finalizeOpenDraft,
  importCatalog,
  months,
  nav,
  runAndOpenDraft,
} from './billing-steps'
import { expect, test as base } from './fixtures'

/**
 * The app server runs as a child process; the fake Stripe runs here, in the test process, and the
 * server's SDK is pointed at it through the environment.
 */
const test = base.extend<{ fake: FakeStripe }>({
  // Playwright reads a fixture's dependencies from its first parameter's destructuring: one that
  // depends on nothing must destructure nothing.
  // eslint-disable-next-line no-empty-pattern
  fake: async ({}, use) => {
    const fake = await startFakeStripe()
    await use(fake)
    await fake.close()
  },
  meterbookEnv: async ({ fake }, use) => {
    await use({ METERBOOK_STRIPE_KEY: 'sk_test_e2e12345678', METERBOOK_STRIPE_API_BASE: fake.url })
  },
})

// Money and numbers are formatted for the operator's locale; pin it so "$19.00" is what appears.
test.use({ locale: 'en-US', timezoneId: 'UTC' })

/** A customer on the Starter plan with one finalized $19.00 invoice (the base fee, no usage) for last month. */
const seedFinalizedInvoice = async (page: Page): Promise<string> => {
  await importCatalog(page)
  await createCustomer(page, { email: 'billing@acme.example' })
  await runAndOpenDraft(page)
  return finalizeOpenDraft(page)
}

/**
 * The declined payment: the invoice pushed from the Payments page and sent, the card declined for
 * insufficient funds, the failure waiting in the queue. Returns the invoice number.
 */
const declinedPayment = async (page: Page, fake: FakeStripe): Promise<string> => {
  // The fake's ids are deterministic: the first Stripe customer is cus_fake000001. The email
  // rule covers the same customer should the app have created another one first.
  fake.setCardBehaviour('cus_fake000001', 'insufficient_funds')
  fake.setCardBehaviour('email:billing@acme.example', 'insufficient_funds')
  const number = await seedFinalizedInvoice(page)

  await nav(page, 'Payments')
  await expect(page.getByRole('heading', { level: 1, name: 'Payments', exact: true })).toBeVisible()
  await expect(page.getByTestId('stripe-configured')).toHaveText('Key configured')
  await page.getByRole('button', { name: 'Push invoices of a period' }).click()
  const push = page.getByRole('dialog', { name: 'Push invoices of a period' })
  await push.getByLabel('Period').fill(months.period)
  await push.getByLabel('Period').press('Enter')
  await expect(push).toBeHidden()
  await expect(page.getByText(`${months.period}: 1 invoice queued`)).toBeVisible()

  // One pass sends the customer, the invoice, then the collection, which the card declines.
  // Whatever the pass splits into, sending again until the failure is recorded converges.
  const queueLink = page.getByRole('navigation').getByRole('link', { name: 'Retry queue' })
  await expect(async () => {
    await page.getByRole('button', { name: 'Send now' }).click()
    await expect(queueLink).toHaveAccessibleDescription(/^1 unresolved failure/, {
      timeout: 3_000,
    })
  }).toPass({ timeout: 30_000 })
  await expect(page.getByTestId('retry-queue-badge')).toHaveText('1')
  expect(fake.charges).toHaveLength(0)

  await queueLink.click()
  await expect(
    page.getByRole('heading', { level: 1, name: 'Retry queue', exact: true }),
  ).toBeVisible()
  return number
}

test('retry queue: a payment declined for insufficient funds is resolved by hand and the invoice is paid', async ({
  page,
  fake,
}) => {
  test.slow()
  const number = await declinedPayment(page, fake)
  await expect(page.getByTestId('failure-at-risk')).toHaveText('1 failure · at risk $19.00')
  const row = page
    .getByRole('grid', { name: 'Failures' })
    .getByRole('row')
    .filter({ hasText: number })
  await expect(row).toContainText('Acme Analytics')
  await expect(row).toContainText('insufficient_funds')
  await expect(row).toContainText('Manual')
  await expect(row).toContainText('$19.00')

  // The failed-payments report, as CSV: one row per error type and currency.
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export report (CSV)' }).click()
  const csv = readFileSync(await (await download).path(), 'utf8')
  expect(csv.split(/\r?\n/)[0]).toBe(
    'error_type,count,oldest,average_attempts,currency,amount_at_risk_minor',
  )
  expect(csv).toMatch(/^card_error,1,[^,]+,1\.0,USD,1900$/m)

  await row.getByRole('gridcell').filter({ hasText: number }).click()
  const detail = page.getByRole('dialog', { name: 'Failure detail' })
  const attempts = detail.getByRole('table', { name: 'Attempts' })
  await expect(attempts.getByRole('row').filter({ hasText: 'Failed' })).toContainText(
    'insufficient_funds',
  )
  await expect(detail.getByRole('link', { name: number })).toBeVisible()

  await detail.getByRole('button', { name: 'Mark resolved' }).click()
  const resolve = page.getByRole('dialog', { name: 'Mark resolved' })
  await expect(resolve.getByRole('button', { name: 'Mark resolved' })).toBeDisabled()
  // The note field has the focus and Enter submits.
  await page.keyboard.type('Paid by bank transfer')
  await page.keyboard.press('Enter')
  await expect(resolve).toBeHidden()
  await expect(detail.getByTestId('failure-status')).toHaveText('Resolved')
  await expect(detail).toContainText('Paid by bank transfer')

  await detail.getByRole('button', { name: 'Close detail' }).click()
  await expect(row).toHaveCount(0)
  await expect(page.getByText('No open failures. Nothing waits for you.')).toBeVisible()
  await expect(page.getByTestId('retry-queue-badge')).toHaveCount(0)

  // Resolved records stay findable under their status.
  await page
    .getByRole('group', { name: 'Status' })
    .getByRole('button', { name: 'Resolved' })
    .click()
  await expect(
    page.getByRole('grid', { name: 'Failures' }).getByRole('row').filter({ hasText: number }),
  ).toBeVisible()

  await nav(page, 'Invoices')
  const invoice = page.getByRole('row').filter({ hasText: number })
  await expect(invoice).toContainText('Paid')
  // Settled outside Stripe: nothing was charged.
  expect(fake.charges).toHaveLength(0)
})

test('payment settings: the key from the environment is shown only by its hint and tested; a bad retry setting is explained under its field', async ({
  page,
  fake,
}) => {
  await nav(page, 'Settings')
  const stripe = page.getByRole('region', { name: 'Stripe key' })
  await expect(stripe.getByTestId('stripe-key-status')).toHaveText(
    'Current key: sk_test_…5678, from METERBOOK_STRIPE_KEY.',
  )
  // The key itself never reaches the page.
  await expect(page.locator('body')).not.toContainText('sk_test_e2e12345678')

  // A publishable key is refused before anything is sent.
  const keyField = stripe.getByLabel('Stripe secret key')
  await keyField.fill('pk_test_12345678')
  await stripe.getByRole('button', { name: 'Set key' }).click()
  await expect(stripe.getByText('must be a Stripe secret or restricted key')).toBeVisible()
  await keyField.fill('')

  // With no key typed, the configured one is tried against (the fake) Stripe.
  await stripe.getByRole('button', { name: 'Test connection' }).click()
  await expect(stripe.getByRole('status', { name: 'Connection test' })).toContainText(
    'The connection works',
  )
  expect(fake.requests.some((r) => r.method === 'GET' && r.path === '/v1/balance')).toBe(true)

  const backoff = page.getByRole('region', { name: 'Retries' }).getByLabel('Max attempts, backoff')
  await backoff.fill('0')
  const save = page.getByRole('button', { name: 'Save', exact: true })
  await save.click()
  await expect(page.getByRole('region', { name: 'Retries' })).toContainText('must be 1 to 50')
  await backoff.fill('4')
  await page.getByLabel('Alert threshold').fill('3')
  await save.click()
  await expect(page.getByText('Settings saved')).toBeVisible()
  await page.reload()
  await expect(page.getByLabel('Max attempts, backoff')).toHaveValue('4')
  await expect(page.getByLabel('Alert threshold')).toHaveValue('3')
})

test('retry queue: a failure selected in the grid is written off in bulk and its invoice becomes uncollectible', async ({
  page,
  fake,
}) => {
  test.slow()
  const number = await declinedPayment(page, fake)
  const grid = page.getByRole('grid', { name: 'Failures' })
  await grid.getByRole('row').filter({ hasText: number }).getByRole('checkbox').check()
  const bulk = page.getByRole('toolbar', { name: 'Selected failures' })
  await expect(bulk).toContainText('1 failure selected')

  await bulk.getByRole('button', { name: 'Write off' }).click()
  const dialog = page.getByRole('dialog', { name: 'Write off' })
  await expect(dialog.getByRole('button', { name: 'Write off' })).toBeDisabled()
  await dialog.getByLabel('Note').fill('Customer insolvent')
  await dialog.getByRole('button', { name: 'Write off' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByText('Wrote off 1 failure')).toBeVisible()
  await expect(bulk).toBeHidden()
  await expect(grid.getByRole('row').filter({ hasText: number })).toHaveCount(0)

  await page
    .getByRole('group', { name: 'Status' })
    .getByRole('button', { name: 'Written off' })
    .click()
  await expect(page).toHaveURL(/status=written_off/)
  await expect(grid.getByRole('row').filter({ hasText: number })).toBeVisible()

  await nav(page, 'Invoices')
  await expect(page.getByRole('row').filter({ hasText: number })).toContainText('Uncollectible')
  expect(fake.charges).toHaveLength(0)
})
