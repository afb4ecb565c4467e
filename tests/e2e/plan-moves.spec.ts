import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { months, nav } from './billing-steps'
import { expect, test } from './fixtures'

test.use({ locale: 'en-US', timezoneId: 'UTC' })

const catalogYaml = readFileSync(
  new URL('../fixtures/catalog.yaml', import.meta.url),
  'utf8',
).replace('effectiveDate: 2026-12-01', 'effectiveDate: 2026-01-01')

/** A channel through the loopback host, with the token the page holds, as the renderer calls it. */
const invoke = async (page: Page, channel: string, input: unknown): Promise<unknown> => {
  const origin = new URL(page.url()).origin
  const token = await page.evaluate(() => sessionStorage.getItem('meterbook.token') ?? '')
  const response = await page.request.post(`${origin}/api/invoke/${channel}`, {
    data: input,
    headers: { 'x-meterbook-token': token },
  })
  const result = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown }
  if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`)
  return result.value
}

const today = new Date().toISOString().slice(0, 10)
/** Today as the screens show a date (en-US in the Playwright config): "Dec 7, 2026". */
const todayShown = new Date(`${today}T12:00:00Z`).toLocaleDateString('en-US', {
  dateStyle: 'medium',
  timeZone: 'UTC',
})

test('plan versions: publishing says nobody moves; Move subscribers previews, then moves', async ({
  page,
}) => {
  test.slow()
  // Starter version 1 at $19.00, acme on it with last month billed (a draft), no usage.
  await invoke(page, 'catalog:import', { text: catalogYaml })
  await invoke(page, 'customers:save', {
    externalId: 'acme',
    name: 'Acme Analytics',
    subscription: { planId: 'starter', startDate: months.startDate, trialEnd: null },
  })
  await invoke(page, 'billing:run', { period: months.period })
  const plan = (await invoke(page, 'catalog:get-plan', { id: 'starter' })) as {
    versions: Record<string, unknown>[]
  }
  const { currency, interval, trialDays, rounding, features } = plan.versions[0] ?? {}
  await invoke(page, 'catalog:save-draft', {
    id: 'starter',
    terms: { currency, interval, trialDays, rounding, features, basePriceMinor: 3100 },
  })

  await nav(page, 'Catalog')
  await page.getByRole('row').filter({ hasText: 'starter' }).first().click()
  await page.getByRole('button', { name: 'Publish…' }).click()
  const publish = page.getByRole('dialog', { name: 'Publish version 2' })
  await expect(publish).toContainText(
    'Existing subscribers stay on the version they are on: publishing moves nobody.',
  )
  await publish.getByLabel('Effective from').fill(today)
  await expect(publish).toContainText(
    `New subscriptions created on or after ${today} get version 2.`,
  )
  await publish.getByRole('button', { name: 'Publish' }).click()
  await expect(page.getByText('Version 2 published')).toBeVisible()

  await page.getByRole('tab', { name: /^Version history/ }).click()
  await page.getByRole('button', { name: 'Move subscribers…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Move subscribers of Starter' })
  const preview = dialog.getByRole('table', { name: 'Move preview' })
  const acme = preview.getByRole('row').filter({ hasText: 'Acme Analytics (acme)' })
  await expect(acme).toContainText(months.period)
  await expect(acme).toContainText('$19.00')
  await expect(acme).toContainText('$31.00')
  await expect(acme).toContainText('+$12.00')
  await expect(preview.getByRole('row').filter({ hasText: 'Total USD (1 billed)' })).toContainText(
    '+$12.00',
  )
  await dialog.getByRole('button', { name: 'Move 1 subscriber' }).click()
  await expect(
    page.getByText(`Moved 1 subscriber from version 1 to version 2 from ${todayShown}.`),
  ).toBeVisible()
  const customer = (await invoke(page, 'customers:get', { externalId: 'acme' })) as {
    subscription: { planVersion: number }
  }
  expect(customer.subscription.planVersion).toBe(2)
})
