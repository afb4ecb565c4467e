import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, invokeFromPage, test } from './fixtures'

const cli = fileURLToPath(new URL('../../out/main/cli.js', import.meta.url))

test.use({ locale: 'en-US', timezoneId: 'UTC' })

/** The built CLI on the ledger the page has open: another process, not this server's bus. */
const callCli = (dataDir: string, channel: string, input: unknown): void => {
  const ran = spawnSync(
    process.execPath,
    [cli, 'call', channel, JSON.stringify(input), '--db', join(dataDir, 'ledger.sqlite')],
    { encoding: 'utf8', env: { ...process.env, METERBOOK_STRIPE_KEY: '' } },
  )
  expect(ran.status, ran.stderr).toBe(0)
}

test('a customer saved by the CLI on the same ledger appears on the open page without a reload', async ({
  page,
  meterbook,
}) => {
  await invokeFromPage(page, 'customers:save', {
    externalId: 'first',
    name: 'First Customer',
    currency: 'USD',
  })
  await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click()
  await expect(page.getByRole('gridcell', { name: 'First Customer' })).toBeVisible()
  // Marks the document: a reload would lose it, so it proves the page was never reloaded.
  await page.evaluate(() => {
    ;(window as unknown as { notReloaded: boolean }).notReloaded = true
  })

  callCli(meterbook.dataDir, 'customers:save', {
    externalId: 'from-cli',
    name: 'Written By The CLI',
    currency: 'USD',
  })

  await expect(page.getByRole('gridcell', { name: 'Written By The CLI' })).toBeVisible({
    timeout: 10_000,
  })
  expect(
    await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
  ).toBe(true)

  // The dashboard's feed follows the same way.
  await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click()
  await expect(page.getByTestId('activity-feed')).toContainText(
    'Customer Written By The CLI created',
  )
  callCli(meterbook.dataDir, 'customers:save', {
    externalId: 'second-cli',
    name: 'Second From The CLI',
    currency: 'USD',
  })
  await expect(page.getByTestId('activity-feed').getByRole('listitem').first()).toContainText(
    'Customer Second From The CLI created',
    { timeout: 10_000 },
  )
})
