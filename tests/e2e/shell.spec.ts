import { expect, test } from './fixtures'

const pages = [
  'Dashboard',
  'Catalog',
  'Coupons',
  'Customers',
  'Usage',
  'Alerts',
  'Billing runs',
  'Invoices',
  'Payments',
  'Retry queue',
  'Disputes',
  'Reports',
  'Audit log',
  'Settings',
]

test('walks every page of the shell from the navigation', async ({ page, meterbook }) => {
  expect(meterbook.url).toContain('token=')
  // The page keeps the token and takes it out of the address bar.
  await expect(page).not.toHaveURL(/token=/)
  const nav = page.getByRole('navigation')
  for (const name of pages) {
    await nav.getByRole('link', { name, exact: true }).click()
    await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible()
  }
})

test('settings show the ledger the app runs on', async ({ page, meterbook }) => {
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByText(`${meterbook.dataDir}/ledger.sqlite`)).toBeVisible()
})

test('a page opened without the token is refused, and a reload keeps the session', async ({
  browser,
  page,
  meterbook,
}) => {
  const stranger = await browser.newPage()
  await stranger.goto(meterbook.origin)
  await expect(stranger.getByText('open the address printed by `meterbook serve`')).toBeVisible()
  await expect(stranger.getByRole('navigation')).toHaveCount(0)
  await stranger.close()
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByText(`${meterbook.dataDir}/ledger.sqlite`)).toBeVisible()
})

test('settings: a bad value is explained under its field and nothing is saved or audited', async ({
  page,
}) => {
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click()
  await page.getByLabel('Company name').fill('Acme Analytics GmbH')
  await page.getByLabel('Company email').fill('billing-at-acme')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByText('must be a valid email address')).toBeVisible()

  await page.getByRole('navigation').getByRole('link', { name: 'Audit log' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible()
  await expect(page.getByRole('grid')).toBeVisible()
  await expect(page.getByRole('gridcell', { name: 'settings:update' })).toHaveCount(0)
})

test('settings: a saved change is audited with before and after, and the log filters', async ({
  page,
}) => {
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click()
  await page.getByLabel('Company name').fill('Acme Analytics GmbH')
  await page.getByLabel('Company email').fill('billing@acme.example')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByText('Settings saved')).toBeVisible()

  // Saved in the ledger: a reload shows it.
  await page.reload()
  await expect(page.getByLabel('Company name')).toHaveValue('Acme Analytics GmbH')

  await page.getByRole('navigation').getByRole('link', { name: 'Audit log' }).click()
  const row = page.getByRole('row').filter({ hasText: 'settings:update' })
  await expect(row).toHaveCount(1)
  await expect(row).toContainText('companyName')

  await row.click()
  const detail = page.getByRole('dialog')
  await expect(detail).toContainText('Acme Analytics GmbH')
  await expect(detail).toContainText('billing@acme.example')
  await page.keyboard.press('Escape')

  // A filter that matches nothing empties the grid; clearing it brings the entry back.
  await page.getByLabel('Entity id').fill('someone-else')
  await expect(page.getByRole('row').filter({ hasText: 'settings:update' })).toHaveCount(0)
  await page.getByRole('button', { name: 'Clear filters' }).click()
  await expect(page.getByRole('row').filter({ hasText: 'settings:update' })).toHaveCount(1)
})

test('follows the operating system into dark mode', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' })
  const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect
    .poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor))
    .not.toBe(light)
})
