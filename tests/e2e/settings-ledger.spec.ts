import { expect, test } from './fixtures'

test('the settings page names the ledger file in use', async ({ page, meterbook }) => {
  await page.getByRole('navigation').getByRole('link', { name: 'Settings', exact: true }).click()
  const ledger = page.getByRole('region', { name: 'Ledger' })
  await expect(ledger.getByTestId('ledger-in-use')).toHaveText(`${meterbook.dataDir}/ledger.sqlite`)
  await expect(ledger).toContainText('(SQLite file, not encrypted)')
  await expect(ledger).toContainText('meterbook ledger copy')
})
