import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, invokeFromPage, test } from './fixtures'

test.use({ locale: 'en-US', timezoneId: 'UTC' })

/** The fixture catalog, in effect already: Business's storage_gb alerts at 80 and 100 %. */
const catalogYaml = readFileSync(
  new URL('../fixtures/catalog.yaml', import.meta.url),
  'utf8',
).replace('effectiveDate: 2026-12-01', 'effectiveDate: 2026-01-01')

const minutesAgo = (minutes: number): string =>
  new Date(Date.now() - minutes * 60_000).toISOString()

test("usage alerts: an import fires the plan's threshold, listed, acknowledged and shown on the meters", async ({
  page,
}) => {
  test.slow()
  await invokeFromPage(page, 'catalog:import', { text: catalogYaml, fileName: 'catalog.yaml' })
  await invokeFromPage(page, 'customers:save', {
    externalId: 'globex',
    name: 'Globex',
    subscription: { planId: 'business', startDate: '2026-01-05', billingAnchorDay: 5 },
  })
  // 95 of 100 GB: the plan's 80 % fires (the default 75 and 90 would be two alerts).
  const file = join(mkdtempSync(join(tmpdir(), 'mb-alerts-')), 'storage.csv')
  writeFileSync(
    file,
    [
      'event_id,customer_id,metric,quantity,timestamp',
      `st-1,globex,storage_gb,60,${minutesAgo(30)}`,
      `st-2,globex,storage_gb,35,${minutesAgo(20)}`,
      '',
    ].join('\n'),
  )

  await page.getByRole('navigation').getByRole('link', { name: 'Usage', exact: true }).click()
  await page.getByLabel('Usage file to import').setInputFiles(file)
  await expect(page.getByText('storage.csv')).toBeVisible()
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(page.getByRole('combobox', { name: 'Metric column' })).toHaveText('metric')
  await page.getByRole('button', { name: 'Next' }).click()
  await page.getByRole('button', { name: 'Start import' }).click()
  await expect(page.getByTestId('count-imported')).toHaveText('2')

  // The browser has not granted notifications: the page says it in a snackbar.
  const notice = page.getByRole('alert').filter({ hasText: 'storage_gb reached 80%' })
  await expect(notice).toContainText('Globex: storage_gb reached 80%')
  await notice.getByRole('link', { name: 'View' }).click()

  await expect(page.getByRole('heading', { level: 1, name: 'Alerts' })).toBeVisible()
  const grid = page.getByRole('grid', { name: 'Usage alerts' })
  await expect(grid.locator('.MuiDataGrid-row')).toHaveCount(1)
  const row = grid.locator('.MuiDataGrid-row').first()
  await expect(row).toContainText('Globex (globex)')
  await expect(row).toContainText('storage_gb')
  await expect(row).toContainText('80%')
  await expect(row).toContainText('95 / 100')
  await expect(page.getByTestId('alert-totals')).toHaveText('1 alert · 1 not acknowledged')

  // A filter that matches nothing, then back.
  await page.getByLabel('Threshold %').fill('100')
  await expect(page.getByText('No alerts match these filters.')).toBeVisible()
  await page.getByLabel('Threshold %').fill('')
  await expect(grid.locator('.MuiDataGrid-row')).toHaveCount(1)

  await row.getByRole('checkbox').check()
  await expect(page.getByRole('button', { name: 'Acknowledge 1' })).toBeEnabled()
  await page.getByRole('button', { name: 'Acknowledge 1' }).click()
  await expect(page.getByTestId('alert-totals')).toHaveText('1 alert · 0 not acknowledged')
  await page.screenshot({ path: test.info().outputPath('alerts-list.png'), fullPage: true })

  // The meter colours by the plan's 80 / 100: amber at 95 % (75 / 90 would have made it red).
  await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click()
  await page.getByRole('row').filter({ hasText: 'globex' }).click()
  const meter = page.getByTestId('meter-storage_gb')
  await expect(meter).toContainText('95 / 100')
  await expect(page.getByTestId('thresholds-storage_gb')).toHaveText('Alerts at 80%, 100%')
  await expect(meter.getByRole('progressbar')).toHaveAttribute('data-level', 'warning')
  await page.screenshot({ path: test.info().outputPath('alerts-meters.png'), fullPage: true })
})
