import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, invokeFromPage, test } from './fixtures'

test.use({ locale: 'en-US', timezoneId: 'UTC' })

const invoke = invokeFromPage

/** The fixture catalog, in effect already (its own date is in the future of some test runs). */
const catalogYaml = readFileSync(
  new URL('../fixtures/catalog.yaml', import.meta.url),
  'utf8',
).replace('effectiveDate: 2026-12-01', 'effectiveDate: 2026-01-01')

/**
 * One customer on Starter whose current period began days ago, so that events from the last hour
 * fall in it whatever the day: the anchor day is kept well away from today.
 */
const setUp = async (page: Page): Promise<void> => {
  await invoke(page, 'catalog:import', { text: catalogYaml, fileName: 'catalog.yaml' })
  const today = new Date().getUTCDate()
  await invoke(page, 'customers:save', {
    externalId: 'acme',
    name: 'Acme Analytics',
    subscription: {
      planId: 'starter',
      startDate: '2026-01-05',
      billingAnchorDay: today <= 14 ? 20 : 5,
    },
  })
}

const minutesAgo = (minutes: number): string =>
  new Date(Date.now() - minutes * 60_000).toISOString()

const writeTemp = (name: string, text: string): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'mb-usage-')), name)
  writeFileSync(path, text)
  return path
}

const openUsage = async (page: Page) => {
  await page.getByRole('navigation').getByRole('link', { name: 'Usage' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Usage', exact: true })).toBeVisible()
}

test('usage: a CSV goes through the wizard; duplicates and rejects are counted and explained', async ({
  page,
}) => {
  test.slow()
  await setUp(page)
  const file = writeTemp(
    'usage.csv',
    [
      'event_id,customer_id,metric,quantity,timestamp',
      `evt-1,acme,api_calls,5000,${minutesAgo(40)}`,
      `evt-2,acme,api_calls,4500,${minutesAgo(30)}`,
      `evt-3,acme,seats,3,${minutesAgo(20)}`,
      `evt-4,acme,seats,1,${minutesAgo(10)}`,
      `evt-2,acme,api_calls,4500,${minutesAgo(30)}`,
      `evt-6,ghost,api_calls,10,${minutesAgo(5)}`,
      '',
    ].join('\n'),
  )
  await openUsage(page)

  await page.getByLabel('Usage file to import').setInputFiles(file)
  await expect(page.getByText('usage.csv')).toBeVisible()
  await page.getByRole('button', { name: 'Next' }).click()

  // The columns were recognised by their names.
  await expect(page.getByRole('combobox', { name: 'Event id column' })).toHaveText('event_id')
  await expect(page.getByRole('combobox', { name: 'Customer column' })).toHaveText('customer_id')
  await expect(page.getByRole('combobox', { name: 'Metric column' })).toHaveText('metric')
  await expect(page.getByRole('combobox', { name: 'Quantity column' })).toHaveText('quantity')
  await expect(page.getByRole('combobox', { name: 'Timestamp column' })).toHaveText('timestamp')
  await page.getByRole('button', { name: 'Next' }).click()

  const preview = page.getByRole('table', { name: 'Preview' })
  await expect(preview.getByRole('row')).toHaveCount(7)
  const ghost = preview.getByRole('cell', { name: 'ghost', exact: true })
  await expect(ghost).toHaveAttribute('data-invalid', 'true')
  await expect(ghost).toHaveAccessibleDescription('unknown customer')
  await ghost.hover()
  await expect(page.getByRole('tooltip')).toHaveText('unknown customer')
  await expect(
    preview.getByRole('cell', { name: 'acme', exact: true }).first(),
  ).not.toHaveAttribute('data-invalid')
  await expect(page.getByLabel('Import valid rows and keep the rejected ones')).toBeChecked()
  await page.getByRole('button', { name: 'Start import' }).click()

  await expect(page.getByTestId('count-read')).toHaveText('6')
  await expect(page.getByTestId('count-imported')).toHaveText('4')
  await expect(page.getByTestId('count-duplicates')).toHaveText('1')
  await expect(page.getByTestId('count-rejected')).toHaveText('1')
  await expect(page.getByTestId('count-late')).toHaveText('0')
  const rejected = page.getByRole('table', { name: 'Rejected rows' }).getByRole('row')
  await expect(rejected).toHaveCount(2) // the header and the ghost row
  await expect(rejected.nth(1)).toContainText('ghost')
  await expect(rejected.nth(1).getByRole('cell').last()).toHaveText('unknown customer')

  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Download rejected rows' }).click()
  expect((await download).suggestedFilename()).toMatch(/\.csv$/)

  await page.getByRole('tab', { name: 'History' }).click()
  const entry = page.getByRole('row').filter({ hasText: 'usage.csv' })
  await expect(entry).toContainText('Completed')
  await entry.click()
  // The wizard keeps its result in the hidden Import tab: look inside this tab only.
  const history = page.getByRole('tabpanel', { name: 'History' })
  await expect(history.getByTestId('count-imported')).toHaveText('4')
  await expect(history.getByRole('table', { name: 'Rejected rows' })).toContainText('ghost')

  await page.getByRole('tab', { name: 'Explorer' }).click()
  const events = page.getByRole('grid', { name: 'Usage events' })
  await expect(events.locator('.MuiDataGrid-row')).toHaveCount(4)
  await expect(
    page.getByRole('region', { name: 'Usage over time' }).locator('svg').first(),
  ).toBeVisible()
  await page.getByRole('combobox', { name: 'Metric' }).click()
  await page.getByRole('option', { name: 'seats' }).click()
  await expect(events.locator('.MuiDataGrid-row')).toHaveCount(2)
  await page.getByLabel('Customer', { exact: true }).fill('ghost')
  await expect(page.getByText('No events match these filters.')).toBeVisible()

  // The customer's meters moved: 9,500 of 10,000 included calls, 4 of 5 seats.
  await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click()
  await page.getByRole('row').filter({ hasText: 'acme' }).click()
  await expect(page.getByTestId('meter-api_calls')).toContainText('9,500 / 10,000')
  await expect(page.getByTestId('meter-api_calls').getByRole('progressbar')).toHaveAttribute(
    'data-level',
    'error',
  )
  await expect(page.getByTestId('meter-seats').getByRole('progressbar')).toHaveAttribute(
    'data-level',
    'warning',
  )
})

test('usage: a large file is sent in parts and can be cancelled', async ({ page }) => {
  test.slow()
  await setUp(page)
  const at = minutesAgo(60)
  // About 8 MB: four parts, so the import is still running when Cancel is pressed.
  const total = 130_000
  const rows = Array.from({ length: total }, (_, i) => `big-${i},acme,api_calls,1,${at},é`)
  const file = writeTemp(
    'big.csv',
    `event_id,customer_id,metric,quantity,timestamp,note\n${rows.join('\n')}\n`,
  )
  // Hold the second part on its way to the server until Cancel is pressed, so the cancel always
  // lands mid-file however fast the machine imports.
  let parts = 0
  let releaseSecond = () => {}
  const cancelPressed = new Promise<void>((resolve) => (releaseSecond = resolve))
  await page.route(
    (url) => decodeURIComponent(url.pathname) === '/api/invoke/usage:import-chunk',
    async (route) => {
      parts += 1
      if (parts === 2) await cancelPressed
      await route.continue()
    },
  )
  await openUsage(page)
  await page.getByLabel('Usage file to import').setInputFiles(file)
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(page.getByRole('combobox', { name: 'Customer column' })).toHaveText('customer_id')
  await page.getByRole('button', { name: 'Next' }).click()
  await page.getByRole('button', { name: 'Start import' }).click()

  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible()
  await expect.poll(() => parts).toBe(2)
  await page.getByRole('button', { name: 'Cancel' }).click()
  releaseSecond()
  await expect(page.getByTestId('count-read')).toBeVisible()
  await expect(page.getByText('Cancelled', { exact: true })).toBeVisible()
  const read = Number((await page.getByTestId('count-read').textContent())?.replace(/\D/g, ''))
  // The counts are of stored rows, and a cancel drops the batch being filled (up to 50,000 rows),
  // so a cancel early in the file can leave 0: what matters is that it stopped short.
  expect(read).toBeLessThan(total)
  // The part in flight was the last one sent: Cancel stopped the upload.
  expect(parts).toBe(2)
  // Nothing the server read was lost to a character cut between two parts.
  await expect(page.getByTestId('count-rejected')).toHaveText('0')
})
