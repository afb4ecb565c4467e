import { expect, test } from './fixtures'

test.use({ locale: 'en-US', timezoneId: 'UTC' })

test('catalog: a usage feature counts unique users by a property, saved with the draft', async ({
  page,
}) => {
  test.slow()
  await page.getByRole('navigation').getByRole('link', { name: 'Catalog' }).click()
  await page.getByRole('button', { name: 'New plan' }).click()
  const dialog = page.getByRole('dialog', { name: 'New plan' })
  await dialog.getByLabel('Name', { exact: true }).fill('Team')
  await dialog.getByLabel('ID', { exact: true }).fill('team')
  await dialog.getByLabel('Currency').fill('USD')
  await dialog.getByLabel('Base price').fill('0')
  await dialog.getByLabel('Base price').press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Team', exact: true })).toBeVisible()

  await page.getByRole('button', { name: 'Add feature' }).click()
  await page.getByRole('menuitem', { name: 'Usage' }).click()
  const features = page.getByRole('region', { name: /^Features/ })
  await features.getByLabel('Code', { exact: true }).fill('active_users')
  await features.getByLabel('Name', { exact: true }).fill('Active users')
  const aggregation = features.getByRole('combobox', { name: 'Aggregation' })
  await expect(aggregation).toHaveText('Sum of quantities')
  await aggregation.click()
  await page.getByRole('option', { name: 'Unique values of a property' }).click()
  const property = features.getByLabel('Property', { exact: true })
  await expect(property).toHaveValue('user_id')
  await property.fill('account_id')

  await page.getByRole('button', { name: 'Save draft' }).click()
  await expect(page.getByText('Draft version 1 saved')).toBeVisible()
  await page.reload()
  await expect(page.getByRole('combobox', { name: 'Aggregation' })).toHaveText(
    'Unique values of a property',
  )
  await expect(page.getByLabel('Property', { exact: true })).toHaveValue('account_id')

  // Back to a sum: the property field goes, and the draft saves without it.
  await page.getByRole('combobox', { name: 'Aggregation' }).click()
  await page.getByRole('option', { name: 'Highest quantity in the period' }).click()
  await expect(page.getByLabel('Property', { exact: true })).toHaveCount(0)
  await page.getByRole('button', { name: 'Save draft' }).click()
  await expect(page.getByText('Draft version 1 saved')).toBeVisible()
})
