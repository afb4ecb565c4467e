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

/** The samples: two plans, five customers and November's usage, imported as the wizard does. */
const seed = async (page: Page): Promise<void> => {
  await call(page, 'catalog:import', { text: sample('catalog.yaml'), fileName: 'catalog.yaml' })
  await call(page, 'customers:import', { text: sample('customers.csv'), fileName: 'customers.csv' })
  const started = await call<{ id: string }>(page, 'usage:import-begin', {
    fileName: 'usage-2026-11.csv',
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
  await call(page, 'usage:import-chunk', {
    importId: started.id,
    text: sample('usage-2026-11.csv'),
    last: true,
  })
}

/**
 * Acme's events in the sample file per metric: their sum and count, computed here. The file
 * repeats some events (same id): each counts once, as the import keeps it once.
 */
const acmeTotals = (): Map<string, { sum: number; count: number }> => {
  const totals = new Map<string, { sum: number; count: number }>()
  const seen = new Set<string>()
  for (const line of sample('usage-2026-11.csv').trim().split('\n').slice(1)) {
    const [id = '', customer, metric = '', quantity] = line.split(',')
    if (seen.has(id)) continue
    seen.add(id)
    if (customer !== 'acme') continue
    const total = totals.get(metric) ?? { sum: 0, count: 0 }
    totals.set(metric, { sum: total.sum + Number(quantity), count: total.count + 1 })
  }
  return totals
}

const column = (page: Page, grid: string, field: string) =>
  page.getByRole('grid', { name: grid }).locator(`[role="row"][data-id] [data-field="${field}"]`)

test('the usage explorer finds a customer by the start of a name, totals the filter and sorts by metric; the audit log sorts by actor and channel', async ({
  page,
}) => {
  test.slow()
  await seed(page)
  const expected = acmeTotals()
  expect([...expected.keys()].sort()).toEqual(['api_calls', 'sms'])

  // Tall enough for the chart, the totals and a page of events at once.
  await page.setViewportSize({ width: 1280, height: 1600 })
  await nav(page, 'Usage')
  await page.getByRole('tab', { name: 'Explorer' }).click()
  // "Acme A" is the start of Acme Analytics' name, not of any id.
  await page.getByLabel('Customer', { exact: true }).fill('Acme A')
  await expect(page).toHaveURL(/customer=Acme\+A/)
  for (const [metric, { sum, count }] of expected)
    await expect(page.getByTestId(`usage-total-${metric}`)).toHaveText(
      `${metric}: ${sum.toLocaleString('en-US')} (${count.toLocaleString('en-US')} events)`,
    )
  const customers = column(page, 'Usage events', 'customerId')
  await expect(customers.first()).toHaveText('acme')
  expect(new Set(await customers.allTextContents())).toEqual(new Set(['acme']))

  // By metric, both ways: api_calls before sms, then sms first.
  const metrics = column(page, 'Usage events', 'metric')
  await page.getByRole('columnheader', { name: 'Metric' }).click()
  await expect(page).toHaveURL(/sort=metric/)
  await expect(metrics.first()).toHaveText('api_calls')
  // The grid has the new order (no loading bar) before the second click asks for the other.
  await expect(
    page.getByRole('grid', { name: 'Usage events' }).getByRole('progressbar'),
  ).toHaveCount(0)
  await page.getByRole('columnheader', { name: 'Metric' }).click()
  await expect(page).toHaveURL(/sort=-metric/)
  await expect(metrics.first()).toHaveText('sms')
  const shown = await metrics.allTextContents()
  expect(shown).toEqual([...shown].sort().reverse())

  await nav(page, 'Audit log')
  const actions = column(page, 'Audit entries', 'action')
  await page.getByRole('columnheader', { name: 'Action' }).click()
  await expect(page).toHaveURL(/sort=channel/)
  await expect(actions.first()).toHaveText('catalog:import')
  const byChannel = await actions.allTextContents()
  expect(byChannel).toEqual([...byChannel].sort())
  await page.getByRole('columnheader', { name: 'Operator' }).click()
  await expect(page).toHaveURL(/sort=actor/)
})

/** Minor units as en-US shows them ("$1,234.50"), from integers: no float holds the amount. */
const usd = (minor: number): string =>
  `$${Math.trunc(minor / 100).toLocaleString('en-US')}.${String(minor % 100).padStart(2, '0')}`

test('customers sort by MRR and by balance on the server, each figure as computed here from the invoices', async ({
  page,
}) => {
  test.slow()
  await seed(page)
  await call(page, 'billing:run', { period: '2026-11' })
  const { invoices } = await call<{
    invoices: { id: number; customerId: string; totalMinor: number }[]
  }>(page, 'invoices:list', { limit: 100 })
  expect(invoices).toHaveLength(5)
  // Every plan of the samples bills 29.00 (Starter) or 99.00 (Growth) a month.
  const plans: Record<string, number> = {
    acme: 2900,
    globex: 9900,
    initech: 2900,
    umbrella: 9900,
    hooli: 2900,
  }
  const expected = new Map<string, { mrr: number; balance: number }>()
  for (const invoice of invoices) {
    await call(page, 'invoices:finalize', { id: invoice.id })
    const { lines } = await call<{ lines: { kind: string; amountMinor: number }[] }>(
      page,
      'invoices:get',
      { id: invoice.id },
    )
    // November is the only billed period: its usage charges are the average.
    const usage = lines
      .filter((line) => line.kind === 'usage' || line.kind === 'adjustment')
      .reduce((sum, line) => sum + line.amountMinor, 0)
    expected.set(invoice.customerId, {
      mrr: (plans[invoice.customerId] ?? 0) + usage,
      balance: invoice.totalMinor,
    })
  }
  for (const paid of invoices.filter((i) => ['acme', 'initech'].includes(i.customerId))) {
    await call(page, 'invoices:mark-paid', { id: paid.id })
    expected.set(paid.customerId, { mrr: expected.get(paid.customerId)?.mrr ?? 0, balance: 0 })
  }
  const { customers } = await call<{ customers: { id: number; externalId: string }[] }>(
    page,
    'customers:list',
    {},
  )
  // All in USD: by the amount, then the row id in the same direction.
  const ordered = (figure: 'mrr' | 'balance', sign: 1 | -1) =>
    [...customers]
      .map((c) => ({ ...c, ...(expected.get(c.externalId) ?? { mrr: 0, balance: 0 }) }))
      .sort((a, b) => sign * (a[figure] - b[figure] || a.id - b.id))

  // Wide enough for every column of the grid at once.
  await page.setViewportSize({ width: 1600, height: 900 })
  await nav(page, 'Customers')
  const grid = page.getByRole('grid', { name: 'Customers' })
  await page.getByRole('columnheader', { name: 'MRR' }).click()
  await expect(page).toHaveURL(/sort=mrr/)
  await expect(grid.getByRole('progressbar')).toHaveCount(0)
  await page.getByRole('columnheader', { name: 'MRR' }).click()
  await expect(page).toHaveURL(/sort=-mrr/)
  const byMrr = ordered('mrr', -1)
  await expect(column(page, 'Customers', 'externalId')).toHaveText(byMrr.map((c) => c.externalId))
  await expect(column(page, 'Customers', 'mrrMinor')).toHaveText(byMrr.map((c) => usd(c.mrr)))

  await page.getByRole('columnheader', { name: 'Balance' }).click()
  await expect(page).toHaveURL(/sort=balance/)
  const byBalance = ordered('balance', 1)
  await expect(column(page, 'Customers', 'externalId')).toHaveText(
    byBalance.map((c) => c.externalId),
  )
  await expect(column(page, 'Customers', 'balanceMinor')).toHaveText(
    byBalance.map((c) => usd(c.balance)),
  )
  await page.screenshot({ path: test.info().outputPath('customers-by-balance.png') })
})
