import { join } from 'node:path'
import Database from 'better-sqlite3'
import { createCustomer, importCatalog, months, nav, runAndOpenDraft } from './billing-steps'
import { expect, test } from './fixtures'

test.use({ locale: 'en-US', timezoneId: 'UTC' })

test('a coupon created in the catalog, redeemed on a customer, is its own discount line on the invoice', async ({
  page,
  meterbook,
}) => {
  test.slow()
  await importCatalog(page)

  await nav(page, 'Coupons')
  await expect(page.getByRole('heading', { level: 1, name: 'Coupons' })).toBeVisible()
  await page.getByRole('button', { name: 'New coupon' }).click()
  const create = page.getByRole('dialog', { name: 'New coupon' })
  await create.getByLabel('Code').fill(' welcome20 ')
  await create.getByLabel('Name', { exact: true }).fill('Welcome')
  await create.getByLabel('Percent').fill('20')
  await create.getByRole('button', { name: 'Create coupon' }).click()
  await expect(create).toBeHidden()
  const row = page.getByRole('table', { name: 'Coupons' }).getByRole('row', { name: /WELCOME20/ })
  await expect(row).toContainText('20 % off')

  await createCustomer(page)
  await page.getByRole('button', { name: 'Redeem a coupon' }).click()
  const redeem = page.getByRole('dialog', { name: 'Redeem a coupon' })
  await redeem.getByLabel('Coupon code').fill('welcome20')
  await redeem.getByRole('button', { name: 'Redeem' }).click()
  await expect(redeem).toBeHidden()
  await expect(page.getByRole('table', { name: 'Discounts' })).toContainText(
    'Coupon WELCOME20: 20 % off',
  )

  // Redeemed today, it applies from the next period; the server's clock cannot be moved back,
  // so the redemption is moved instead: to before the billed month, which it then covers.
  const db = new Database(join(meterbook.dataDir, 'ledger.sqlite'))
  db.prepare(
    'UPDATE discount SET starts_with = ? WHERE id = (SELECT discount_id FROM coupon_redemption)',
  ).run(months.period)
  db.close()

  await runAndOpenDraft(page)
  // Base fee 19.00 and no usage: 20 % off is 3.80, total 15.20.
  const line = page.getByText('Discount: Coupon WELCOME20: 20 % off')
  await expect(line).toBeVisible()
  await expect(page.getByText('-$3.80')).toBeVisible()
  // The page scrolls inside the shell: the line is brought into view for the screenshot.
  await line.scrollIntoViewIfNeeded()
  await page.screenshot({ path: test.info().outputPath('coupon-on-invoice.png') })

  await nav(page, 'Coupons')
  await expect(row).toContainText('USD 3.80')
  await row.getByRole('button', { name: 'WELCOME20' }).click()
  const detail = page.getByRole('dialog', { name: 'Coupon WELCOME20' })
  await expect(detail.getByRole('table', { name: 'Redemptions' })).toContainText('Acme Analytics')
})
