import { join } from 'node:path'
import Database from 'better-sqlite3'
import { importCatalog, months, nav } from './billing-steps'
import { expect, invokeFromPage, test } from './fixtures'

test.use({ locale: 'en-US', timezoneId: 'UTC' })

const invoke = invokeFromPage

const euroPlan = [
  "version: 'eur'",
  'effectiveDate: 2026-01-01',
  'plans:',
  '  - id: starter-eur',
  '    name: Starter EUR',
  '    currency: EUR',
  '    basePrice: 17.00',
  '    features: []',
].join('\n')

test('billing runs: a catch-up bills each ended period and lists the one it could not bill', async ({
  page,
  meterbook,
}) => {
  test.slow()
  await importCatalog(page)
  await invoke(page, 'catalog:import', { text: euroPlan, fileName: 'eur.yaml' })
  await invoke(page, 'customers:save', {
    externalId: 'acme',
    name: 'Acme Analytics',
    subscription: { planId: 'starter', startDate: months.startDate, trialEnd: null },
  })
  // Moved to a plan priced in euros mid-way through last month, behind the app's back (the app
  // refuses such a change): that period has plans in two currencies and cannot be billed.
  const db = new Database(join(meterbook.dataDir, 'ledger.sqlite'))
  db.prepare(
    `INSERT INTO subscription_change (subscription_id, effective_at, from_plan_id, from_version,
       to_plan_id, to_version, operator, at)
     VALUES (1, ?, 'starter', 1, 'starter-eur', 1, 'test', ?)`,
  ).run(`${months.period}-15T00:00:00.000Z`, `${months.period}-15T00:00:00.000Z`)
  db.prepare("UPDATE subscription SET plan_id = 'starter-eur' WHERE id = 1").run()
  db.close()

  await nav(page, 'Billing runs')
  await page.getByRole('button', { name: 'New run' }).click()
  const dialog = page.getByRole('dialog', { name: 'New billing run' })
  await dialog.getByLabel(/^Every ended period not invoiced yet/).check()
  await dialog.getByRole('button', { name: 'Run billing', exact: true }).click()
  await page
    .getByRole('dialog', { name: 'Run billing?' })
    .getByRole('button', { name: 'Run billing now' })
    .click()

  const result = page.getByRole('region', { name: 'Run result' })
  await expect(result.getByTestId('run-created')).toHaveText('1')
  await expect(result.getByTestId('run-failed')).toHaveText('1')
  const unbilled = result.getByRole('alert', { name: 'Unbilled periods' })
  await expect(unbilled).toContainText('1 period could not be billed')
  await expect(unbilled).toContainText('Acme Analytics (acme)')
  await expect(unbilled).toContainText(
    'Customer acme is billed in EUR, but Starter is priced in USD.',
  )
  const rows = result.getByRole('grid', { name: 'Run items' }).getByRole('row')
  await expect(rows.filter({ hasText: 'Unbilled' })).toHaveCount(1)
  await expect(rows.filter({ hasText: 'Created' })).toHaveCount(1)
})
