import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { startFakeSmtp } from '../fakes/smtp/fake-smtp'
import { nav } from './billing-steps'
import { expect, invokeFromPage, test } from './fixtures'

test.use({ locale: 'en-US', timezoneId: 'UTC' })

const sample = (name: string): string =>
  readFileSync(new URL(`../../resources/samples/${name}`, import.meta.url), 'utf8')

/** The page as it is in view (the shell scrolls its own content, not the document). */
const shot = (page: Page, name: string) =>
  page.screenshot({ path: test.info().outputPath(`${name}.png`) })

const listInvoices = async (page: Page) =>
  page.evaluate(async () => {
    const response = await fetch('/api/invoke/invoices:list', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-meterbook-token': sessionStorage.getItem('meterbook.token') ?? '',
      },
      body: JSON.stringify({ limit: 100 }),
    })
    const body = (await response.json()) as {
      value: { invoices: { id: number; customerId: string; number: string | null }[] }
    }
    return body.value.invoices
  })

test('email: SMTP settings, the test email, and a finalized invoice in its send log', async ({
  page,
}) => {
  test.slow()
  const smtp = await startFakeSmtp()
  try {
    await invokeFromPage(page, 'catalog:import', { text: sample('catalog.yaml') })
    await invokeFromPage(page, 'customers:import', { text: sample('customers.csv') })
    await invokeFromPage(page, 'customers:save', {
      externalId: 'acme',
      name: 'Acme Analytics',
      billingEmail: 'ap@acme.example',
    })
    await invokeFromPage(page, 'billing:run', { period: '2026-11' })

    await nav(page, 'Settings')
    await page.getByLabel('Company name').fill('Meterbook Demo GmbH')
    await page.getByLabel('SMTP host').fill('127.0.0.1')
    await page.getByLabel('Port').fill(String(smtp.port))
    const security = page.getByRole('combobox', { name: 'Security' })
    await security.click()
    await page.getByRole('option', { name: 'None' }).click()
    await expect(security).toHaveText('None')
    await page.getByLabel('From address').fill('billing@meterbook.example')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(page.getByText('Settings saved')).toBeVisible()

    await page.getByLabel('Send a test email to').fill('me@meterbook.example')
    await page.getByRole('button', { name: 'Send a test email' }).click()
    await expect(
      page.getByRole('status').filter({ hasText: 'Sent to me@meterbook.example' }),
    ).toBeVisible()
    expect(smtp.received.map((m) => m.subject)).toEqual(['Test email from Meterbook Demo GmbH'])

    const acme = (await listInvoices(page)).find((i) => i.customerId === 'acme')
    expect(acme).toBeDefined()
    await invokeFromPage(page, 'invoices:finalize', { id: acme?.id })
    await page.getByRole('button', { name: 'Send queued now' }).click()
    await expect(page.getByTestId('mail-counts')).toContainText('1 sent')

    await page.evaluate((id) => (window.location.hash = `#/invoices/${id}`), acme?.id ?? 0)
    const emails = page.getByTestId('invoice-emails')
    await expect(emails.getByRole('row', { name: /Invoice ap@acme\.example sent/ })).toBeVisible()
    await expect.poll(() => smtp.received.length).toBe(2)
    expect(smtp.received[1]?.attachments[0]?.contentType).toBe('application/pdf')
    await emails.scrollIntoViewIfNeeded()
    await shot(page, 'invoice-emails')
  } finally {
    await smtp.stop()
  }
})
