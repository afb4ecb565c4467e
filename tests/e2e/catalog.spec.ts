import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

// Amounts are formatted for the operator's locale; pin it so "$51.00" is what appears.
test.use({ locale: 'en-US', timezoneId: 'UTC' })

const createPlan = async (page: Page, plan: { id: string; name: string; basePrice: string }) => {
  await page.getByRole('navigation').getByRole('link', { name: 'Catalog' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Catalog', exact: true })).toBeVisible()
  await page.getByRole('button', { name: 'New plan' }).click()
  const dialog = page.getByRole('dialog', { name: 'New plan' })
  await dialog.getByLabel('Name', { exact: true }).fill(plan.name)
  await dialog.getByLabel('ID', { exact: true }).fill(plan.id)
  await dialog.getByLabel('Currency').fill('USD')
  await dialog.getByLabel('Base price').fill(plan.basePrice)
  // Enter submits the dialog.
  await dialog.getByLabel('Base price').press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: plan.name, exact: true })).toBeVisible()
}

/** Adds a usage feature and switches its pricing to graduated tiers. */
const addTieredUsageFeature = async (page: Page, code: string, name: string) => {
  await page.getByRole('button', { name: 'Add feature' }).click()
  await page.getByRole('menuitem', { name: 'Usage' }).click()
  const features = page.getByRole('region', { name: /^Features/ })
  await features.getByLabel('Code', { exact: true }).fill(code)
  await features.getByLabel('Name', { exact: true }).fill(name)
  await features.getByRole('combobox', { name: 'Pricing model' }).click()
  await page.getByRole('option', { name: /^Tiered/ }).click()
}

const fillTier = async (page: Page, tier: number, upTo: string | null, unitAmount: string) => {
  if (upTo !== null) await page.getByLabel(`Tier ${tier} up to`).fill(upTo)
  await page.getByLabel(`Tier ${tier} unit amount`).fill(unitAmount)
}

test('catalog: a plan is priced live, saved, published, and edited into a new version', async ({
  page,
}) => {
  // A long journey through many screens; the shared CI machine is not fast.
  test.slow()
  await createPlan(page, { id: 'pro', name: 'Pro', basePrice: '49.00' })
  await expect(page.getByText('Version 1', { exact: true })).toBeVisible()

  await addTieredUsageFeature(page, 'api_calls', 'API calls')
  await fillTier(page, 1, '5', '5')
  await page.getByRole('button', { name: 'Add tier' }).click()
  await fillTier(page, 2, '10', '4')
  await page.getByRole('button', { name: 'Add tier' }).click()
  await fillTier(page, 3, null, '3')

  // 5 × 5 + 5 × 4 + 2 × 3, priced by the server from the unsaved definition.
  await page.getByLabel('Preview quantity').fill('12')
  const amount = page.getByTestId('preview-amount')
  await expect(amount).toHaveText('$51.00')
  await expect(page.getByRole('table', { name: 'Breakdown' }).getByRole('row')).toHaveCount(4)

  await page.getByLabel('Tier 1 unit amount').fill('6')
  await expect(amount).toHaveText('$56.00')

  await page.getByRole('button', { name: 'Save draft' }).click()
  await expect(page.getByText('Draft version 1 saved')).toBeVisible()
  // Saved in the ledger: a reload shows the edited tier.
  await page.reload()
  await expect(page.getByLabel('Tier 1 unit amount')).toHaveValue('6')

  await page.getByRole('button', { name: 'Publish…' }).click()
  const publish = page.getByRole('dialog', { name: 'Publish version 1' })
  await publish.getByLabel('Effective from').fill('2026-07-01')
  await publish.getByRole('button', { name: 'Publish' }).click()
  await expect(page.getByText('Version 1 published')).toBeVisible()
  // Published terms are read-only until someone starts a new draft.
  await expect(page.getByRole('button', { name: 'Save draft' })).toHaveCount(0)
  await expect(page.getByLabel('Tier 1 unit amount')).toHaveAttribute('readonly', '')

  await page.getByRole('tab', { name: /^Version history/ }).click()
  const versions = page.getByRole('table', { name: 'Versions' }).getByRole('row')
  await expect(versions).toHaveCount(2) // the header and version 1
  const first = versions.nth(1)
  await expect(first.getByRole('cell').first()).toHaveText('1')
  await expect(first).toContainText('Published')
  await expect(first).toContainText('Jul 1, 2026')
  await expect(first).toContainText('$49.00')

  await page.getByRole('button', { name: 'Edit' }).click()
  await expect(page.getByText('Draft version 2 started')).toBeVisible()
  await expect(page.getByText('Version 2', { exact: true })).toBeVisible()
  await page.getByRole('tab', { name: /^Version history/ }).click()
  const history = page.getByRole('table', { name: 'Versions' }).getByRole('row')
  await expect(history).toHaveCount(3)
  await expect(history.nth(1).getByRole('cell').first()).toHaveText('2')
  await expect(history.nth(1)).toContainText('Draft')
  await expect(history.nth(2).getByRole('cell').first()).toHaveText('1')
  await expect(history.nth(2)).toContainText('Published')

  // The catalog lists the plan by its published version, with the open draft flagged.
  await page.getByRole('link', { name: 'All plans' }).click()
  const row = page.getByRole('row').filter({ hasText: 'pro' })
  await expect(row).toContainText('$49.00')
  await expect(row).toContainText('Monthly')
  await expect(row).toContainText('Draft')
})

test('catalog: a tier bound below the previous one is flagged on its own cell', async ({
  page,
}) => {
  test.slow()
  await createPlan(page, { id: 'growth', name: 'Growth', basePrice: '0' })
  await addTieredUsageFeature(page, 'events', 'Events')
  await fillTier(page, 1, '100', '1')
  await page.getByRole('button', { name: 'Add tier' }).click()
  await fillTier(page, 2, '50', '0.5')
  await page.getByRole('button', { name: 'Add tier' }).click()
  await fillTier(page, 3, null, '0.25')

  const second = page.getByLabel('Tier 2 up to')
  await expect(second).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByText('must be greater than 100')).toBeVisible()
  await expect(page.getByLabel('Tier 1 up to')).toHaveAttribute('aria-invalid', 'false')
  await expect(page.getByText('Fix the pricing to see a preview')).toBeVisible()
  await expect(page.getByTestId('preview-amount')).toHaveCount(0)

  // Saving is refused by the same rule, reported at the full path and on the same cell.
  await page.getByRole('button', { name: 'Save draft' }).click()
  await expect(page.getByText('terms.features[0].pricing.tiers[1].up_to')).toBeVisible()
  await expect(second).toHaveAttribute('aria-invalid', 'true')

  await second.fill('500')
  await expect(second).toHaveAttribute('aria-invalid', 'false')
  await expect(page.getByTestId('preview-amount')).toHaveText('$100.00')
})

test('catalog: every pricing model is offered, with blocks, a bounded last tier and the contract flag', async ({
  page,
}) => {
  test.slow()
  await createPlan(page, { id: 'payments', name: 'Payments', basePrice: '0' })
  await page.getByLabel(/^Custom contract/).check()
  await expect(page.getByLabel(/^Custom contract/)).toBeChecked()

  // Block tiers, the last one bounded: 1,250 units are 10 blocks of 100 at 1 and 1 of 500 at 2.
  await addTieredUsageFeature(page, 'api_calls', 'API calls')
  await page.getByLabel('Tier 1 up to').fill('1000')
  await page.getByLabel('Tier 1 unit amount').fill('')
  await page.getByLabel('Tier 1 block size').fill('100')
  await page.getByLabel('Tier 1 block amount').fill('1')
  await page.getByRole('button', { name: 'Add tier' }).click()
  await page.getByLabel('Tier 2 up to').fill('2000')
  await page.getByLabel('Tier 2 unit amount').fill('')
  await page.getByLabel('Tier 2 block size').fill('500')
  await page.getByLabel('Tier 2 block amount').fill('2')
  await expect(page.getByTestId('bounded-last-tier')).toHaveText(
    'The last tier has a bound: quantities past 2000 are priced at the last tier.',
  )
  await page.getByLabel('Preview quantity').fill('1250')
  await expect(page.getByTestId('preview-amount')).toHaveText('$12.00')
  // Past the bound: 10 + 2,000 in blocks of 500 at 2.
  await page.getByLabel('Preview quantity').fill('3000')
  await expect(page.getByTestId('preview-amount')).toHaveText('$18.00')

  // Percentage: each transaction on its own, 2.9 % + 0.30.
  const features = page.getByRole('region', { name: /^Features/ })
  await features.getByRole('combobox', { name: 'Pricing model' }).click()
  await page.getByRole('option', { name: /^Percentage/ }).click()
  await page.getByLabel('Rate (%)').fill('2.9')
  await page.getByLabel('Fixed fee per transaction (USD)').fill('0.30')
  await page.getByLabel('Preview transactions').fill('10, 80, 10000')
  await expect(page.getByTestId('preview-amount')).toHaveText('$293.51')
  await expect(page.getByRole('table', { name: 'Breakdown' })).toContainText('fixed fees')

  await features.getByRole('combobox', { name: 'Pricing model' }).click()
  await page.getByRole('option', { name: /^Graduated percentage/ }).click()
  await page.getByLabel('Tier 1 rate (%)').fill('1')
  await page.getByLabel('Preview quantity').fill('500')
  await expect(page.getByTestId('preview-amount')).toHaveText('$5.00')

  await page.getByRole('button', { name: 'Save draft' }).click()
  await expect(page.getByRole('button', { name: 'Save draft' })).toBeVisible()
})

test('catalog: a YAML file imports and the catalog exports', async ({ page }) => {
  await page.getByRole('navigation').getByRole('link', { name: 'Catalog' }).click()
  const yaml = [
    'plans:',
    '  - id: starter',
    '    name: Starter',
    '    currency: EUR',
    '    interval: month',
    '    basePrice: 19.00',
    '    features:',
    '      - { code: sso, name: Single sign-on, type: boolean, enabled: true }',
  ].join('\n')
  await page.getByLabel('Catalog file to import').setInputFiles({
    name: 'catalog.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(yaml),
  })
  const result = page.getByRole('dialog', { name: 'Import catalog.yaml' })
  await expect(result.getByRole('row').filter({ hasText: 'starter' })).toContainText('Created')
  await result.getByRole('button', { name: 'Close' }).click()
  await expect(page.getByRole('row').filter({ hasText: 'Starter' })).toContainText('€19.00')

  // A broken file names the path and line, and imports nothing.
  await page.getByLabel('Catalog file to import').setInputFiles({
    name: 'broken.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(yaml.replace('currency: EUR', 'currency: EURO')),
  })
  const failure = page.getByRole('dialog', { name: 'Import broken.yaml' })
  await expect(failure).toContainText('currency (line 4)')
  await failure.getByRole('button', { name: 'Close' }).click()

  await page.getByRole('button', { name: 'Export' }).click()
  const download = page.waitForEvent('download')
  await page.getByRole('menuitem', { name: 'YAML' }).click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/\.ya?ml$/)
})
