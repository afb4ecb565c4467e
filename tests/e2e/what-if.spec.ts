import AxeBuilder from '@axe-core/playwright'
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
const invoke = async <T = unknown>(page: Page, channel: string, input: unknown): Promise<T> => {
  const origin = new URL(page.url()).origin
  const token = await page.evaluate(() => sessionStorage.getItem('meterbook.token') ?? '')
  const response = await page.request.post(`${origin}/api/invoke/${channel}`, {
    data: input,
    headers: { 'x-meterbook-token': token },
  })
  const result = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown }
  if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`)
  return result.value as T
}

/** API calls in the billed month; all under Starter's first tier (10,000 included, then 0.002). */
const calls = { acme: 30_000, initech: 5_000, hooli: 80_000 }
const customers = [
  ['acme', 'Acme Analytics'],
  ['initech', 'Initech'],
  ['hooli', 'Hooli'],
] as const

/**
 * What the test expects, computed here and not by the app: 19.00 plus the calls past the 10,000
 * included at the first tier's price, in cents. The price is in ten-thousandths of a dollar
 * (0.002 → 20) so the sum stays in integers; every overage is a multiple of 100 calls.
 */
const billedCents = (count: number, tenThousandths: number): number =>
  1900 + (Math.max(0, count - 10_000) * tenThousandths) / 100
const dollars = (cents: number): string =>
  `${cents < 0 ? '-' : ''}$${(Math.abs(cents) / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`
const signed = (cents: number): string => `${cents > 0 ? '+' : ''}${dollars(cents)}`
/** One decimal, half up, from integers alone; a whole percent reads without its ".0". */
const percent = (difference: number, base: number): string => {
  const tenths = Math.round((difference * 1000) / base)
  const digits = (Math.abs(tenths) / 10).toFixed(1).replace(/\.0$/, '')
  return `${tenths > 0 ? '+' : tenths < 0 ? '-' : ''}${digits} %`
}

test('what if: a draft’s price re-prices last month’s real usage of every subscriber', async ({
  page,
}) => {
  test.slow()
  await invoke(page, 'catalog:import', { text: catalogYaml })
  for (const [externalId, name] of customers)
    await invoke(page, 'customers:save', {
      externalId,
      name,
      subscription: { planId: 'starter', startDate: months.startDate, trialEnd: null },
    })
  const started = await invoke<{ id: string }>(page, 'usage:import-begin', {
    fileName: 'usage.csv',
    format: 'csv',
    mapping: {
      event_id: 'event_id',
      customer_id: 'customer_id',
      metric: 'metric',
      quantity: 'quantity',
      timestamp: 'timestamp',
    },
    policy: 'keep_valid',
  })
  const rows = Object.entries(calls).map(
    ([id, count], i) => `e-${i},${id},api_calls,${count},${months.usageAt(10 + i)}`,
  )
  const progress = await invoke<{ imported: number }>(page, 'usage:import-chunk', {
    importId: started.id,
    text: ['event_id,customer_id,metric,quantity,timestamp', ...rows, ''].join('\n'),
    last: true,
  })
  expect(progress.imported).toBe(3)
  await invoke(page, 'billing:run', { period: months.period })
  // Wayne joins today: nothing billed yet.
  await invoke(page, 'customers:save', {
    externalId: 'wayne',
    name: 'Wayne Enterprises',
    subscription: {
      planId: 'starter',
      startDate: new Date().toISOString().slice(0, 10),
      trialEnd: null,
    },
  })

  // The draft: the first tier of API calls from 0.002 to 0.0025, edited and saved on screen.
  await nav(page, 'Catalog')
  await page.getByRole('row').filter({ hasText: 'starter' }).first().click()
  await page.getByRole('button', { name: 'Edit' }).click()
  await expect(page.getByText('Draft version 2 started')).toBeVisible()
  await page.getByLabel('Tier 1 unit amount').fill('0.0025')
  await expect(page.getByRole('button', { name: 'What if…' })).toBeDisabled()
  await page.getByRole('button', { name: 'Save draft' }).click()
  await expect(page.getByText('Draft version 2 saved')).toBeVisible()
  await page.getByRole('button', { name: 'What if…' }).click()

  const dialog = page.getByRole('dialog', { name: 'What if version 2 applied to everyone?' })
  const expected = customers.map(([id, name]) => {
    const billed = billedCents(calls[id], 20)
    const draft = billedCents(calls[id], 25)
    return { id, name, billed, draft, difference: draft - billed }
  })
  const table = dialog.getByRole('table', { name: 'What if, per customer' })
  for (const row of expected) {
    const shown = table.locator(`tr[data-customer="${row.id}"]`)
    await expect(shown).toContainText(`${row.name} (${row.id})`)
    await expect(shown.getByRole('cell').nth(2)).toHaveText(dollars(row.billed))
    await expect(shown.getByRole('cell').nth(3)).toHaveText(dollars(row.draft))
    await expect(shown.getByRole('cell').nth(4)).toHaveText(signed(row.difference))
    await expect(shown.getByRole('cell').nth(5)).toHaveText(percent(row.difference, row.billed))
  }
  await expect(table.locator('tr[data-customer="wayne"]')).toContainText('Not billed yet')

  const billed = expected.reduce((sum, r) => sum + r.billed, 0)
  const draft = expected.reduce((sum, r) => sum + r.draft, 0)
  const usd = dialog
    .getByRole('table', { name: 'What if totals' })
    .locator('tr[data-currency="USD"]')
  await expect(usd.getByRole('cell')).toHaveText([
    'USD',
    '3',
    dollars(billed),
    dollars(draft),
    signed(draft - billed),
    percent(draft - billed, billed),
  ])

  // Biggest increase first; a click on Difference turns the order round, the unbilled last.
  const order = table.locator('tbody tr')
  const byDifference = [...expected].sort((a, b) => b.difference - a.difference).map((r) => r.id)
  await expect(order).toHaveCount(4)
  expect(await order.evaluateAll((trs) => trs.map((tr) => tr.dataset['customer']))).toEqual([
    ...byDifference,
    'wayne',
  ])
  await expect(dialog.getByRole('region', { name: 'Would pay most more' })).toContainText(
    `Hooli: ${signed(expected[2]?.difference ?? 0)}`,
  )
  await expect(dialog.getByRole('region', { name: 'Would pay most less' })).toContainText('Nobody')
  await page.screenshot({ path: test.info().outputPath('what-if.png'), fullPage: true })
  await test.info().attach('what-if', { path: test.info().outputPath('what-if.png') })
  // The dialog passes axe-core's WCAG 2 A and AA rules with no serious or critical finding.
  const axe = await new AxeBuilder({ page })
    .include('[role="dialog"]')
    .withTags(['wcag2a', 'wcag2aa'])
    .analyze()
  expect(
    axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([])

  await table.getByRole('button', { name: 'Difference' }).click()
  await expect(table.getByRole('columnheader', { name: 'Difference' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  )
  expect(await order.evaluateAll((trs) => trs.map((tr) => tr.dataset['customer']))).toEqual([
    ...[...byDifference].reverse(),
    'wayne',
  ])
})
