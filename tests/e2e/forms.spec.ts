import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'

test.use({ locale: 'en-US', timezoneId: 'UTC' })

/** Presses Tab until `target` has the focus: how a keyboard user reaches a control. */
const tabTo = async (page: Page, target: Locator, most = 60): Promise<void> => {
  for (let presses = 0; presses < most; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`${most} presses of Tab never reached ${String(target)}`)
}

const shot = async (page: Page, name: string): Promise<void> => {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true })
}

test('forms: a customer is created with the keyboard alone, its mistakes explained under the fields', async ({
  page,
}) => {
  const saves: string[] = []
  page.on('request', (request) => {
    if (decodeURIComponent(request.url()).includes('/api/invoke/customers:save'))
      saves.push(request.url())
  })
  const nav = page.getByRole('navigation')
  await tabTo(page, nav.getByRole('link', { name: 'Customers' }))
  await page.keyboard.press('Enter')
  await expect(
    page.getByRole('heading', { level: 1, name: 'Customers', exact: true }),
  ).toBeVisible()
  await tabTo(page, page.getByRole('button', { name: 'New customer' }))
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'New customer' })
  await expect(dialog).toBeVisible()

  // Enter on an empty form: the contract's own message, before anything is sent.
  await tabTo(page, dialog.getByLabel('External id'))
  await page.keyboard.type('kbd co')
  await page.keyboard.press('Enter')
  await expect(dialog.getByLabel('External id')).toHaveAccessibleDescription(
    'must not contain spaces, commas or semicolons',
  )
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveAccessibleDescription(
    'must not be empty',
  )
  // Judged by the contract's schema in the page: nothing went to the server.
  expect(saves).toHaveLength(0)
  // The first field in error has the focus, so fixing it is typing.
  await expect(dialog.getByLabel('External id')).toBeFocused()
  await page.keyboard.press('Backspace')
  await page.keyboard.press('Backspace')
  await page.keyboard.press('Backspace')
  await page.keyboard.type('-co')
  await tabTo(page, dialog.getByLabel('Name', { exact: true }))
  await page.keyboard.type('Keyboard Company')
  await tabTo(page, dialog.getByLabel('Currency'))
  await page.keyboard.type('EUR')
  await tabTo(page, dialog.getByLabel('Tax region'))
  await page.keyboard.type('DE')
  await shot(page, 'customer-dialog-keyboard')
  await page.keyboard.press('Enter')

  await expect(
    page.getByRole('heading', { level: 1, name: 'Keyboard Company', exact: true }),
  ).toBeVisible()
  await expect(page.getByText('kbd-co').first()).toBeVisible()
  expect(saves).toHaveLength(1)
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('EUR')
  await shot(page, 'customer-created-keyboard')
})

test('forms: a message only the server can give lands under its field', async ({ page }) => {
  await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click()
  await page.getByRole('button', { name: 'New customer' }).click()
  const dialog = page.getByRole('dialog', { name: 'New customer' })
  await dialog.getByLabel('External id').fill('no-plan')
  await dialog.getByLabel('Name', { exact: true }).fill('No Plan Ltd')
  // Valid by the schema (currency is optional there); only the service knows a customer without
  // a plan needs one.
  await dialog.getByRole('button', { name: 'Create customer' }).click()
  await expect(dialog.getByLabel('Currency')).toHaveAccessibleDescription(
    'is required for a customer without a plan',
  )
  // Placed under its field, so the message is not repeated above the form.
  await expect(dialog.getByText('Some fields need attention')).toHaveCount(0)
  await shot(page, 'customer-server-error')

  await dialog.getByLabel('Currency').fill('GBP')
  await dialog.getByRole('button', { name: 'Create customer' }).click()
  await expect(
    page.getByRole('heading', { level: 1, name: 'No Plan Ltd', exact: true }),
  ).toBeVisible()
})

test('settings: one page, one save; the banner says what invoices lack until the details are saved', async ({
  page,
}) => {
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click()
  const banner = page.getByRole('alert', { name: 'Settings to finish' })
  await expect(banner).toContainText(
    "Invoices will print a blank where your company's name and address belong.",
  )
  await expect(banner).toContainText('No tax rate is set: invoices charge no tax.')
  await shot(page, 'settings-fresh-ledger')

  // The link puts the cursor in the section it names.
  await banner.getByRole('button', { name: 'Fill in the seller details' }).click()
  await expect(page.getByLabel('Company name')).toBeFocused()
  await page.keyboard.type('Acme Analytics GmbH')
  await page.getByLabel('Company address').fill('Hauptstraße 1\n10115 Berlin')
  // A change in another section rides on the same save.
  await page.getByLabel('Draft grace days').fill('5')
  const save = page.getByRole('button', { name: 'Save', exact: true })
  await save.click()
  await expect(page.getByText('Settings saved')).toBeVisible()
  await expect(banner).not.toContainText('blank where your company')
  await expect(banner).toContainText('No tax rate is set')

  await banner.getByRole('button', { name: 'Add a tax rate' }).click()
  const taxes = page.getByRole('region', { name: 'Tax rates' })
  await taxes.getByRole('button', { name: 'Add tax rate' }).click()
  await taxes.getByLabel('Region 1').fill('DE')
  await taxes.getByLabel('Tax name 1').fill('VAT')
  await taxes.getByLabel('Rate percent 1').fill('19')
  await save.click()
  await expect(banner).toBeHidden()

  await page.reload()
  await expect(page.getByLabel('Company name')).toHaveValue('Acme Analytics GmbH')
  await expect(page.getByLabel('Draft grace days')).toHaveValue('5')
  await expect(page.getByRole('alert', { name: 'Settings to finish' })).toHaveCount(0)
  // The Stripe key keeps its own button: a security action, not part of Save.
  await expect(page.getByRole('region', { name: 'Stripe key' })).toContainText('Stripe key')
  await expect(page.getByText('not part of Save above')).toBeVisible()
  await shot(page, 'settings-complete')
})
