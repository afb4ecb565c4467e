import AxeBuilder from '@axe-core/playwright'
import type { Locator, Page, TestInfo } from '@playwright/test'
import { createCustomer, importCatalog, importUsage, nav, runAndOpenDraft } from './billing-steps'
import { expect, test } from './fixtures'

test.use({ locale: 'en-US', timezoneId: 'UTC' })

/** axe-core's WCAG 2 A and AA rules; a serious or critical finding fails the page. */
const expectNoSeriousViolations = async (page: Page, testInfo: TestInfo, name: string) => {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()
  const serious = result.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  )
  if (serious.length > 0)
    await testInfo.attach(`axe ${name}.json`, {
      body: JSON.stringify(serious, null, 2),
      contentType: 'application/json',
    })
  expect(
    serious.flatMap((v) =>
      v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
    ),
    `serious accessibility violations on ${name}`,
  ).toEqual([])
}

const attachScreenshot = async (page: Page, testInfo: TestInfo, name: string) =>
  testInfo.attach(`${name}.png`, {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  })

const heading = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { level: 1, name, exact: typeof name === 'string' })

/** One customer billed for last month, with a finalized invoice: every page has something. */
const seed = async (page: Page) => {
  await importCatalog(page)
  await createCustomer(page)
  await importUsage(page)
  await runAndOpenDraft(page)
  await page.getByRole('button', { name: 'Finalize', exact: true }).click()
  // A fresh data folder warns about the missing seller details: finalize anyway.
  await page
    .getByRole('dialog', { name: 'Finalize this invoice?' })
    .getByRole('button', { name: /^Finalize invoice( anyway)?$/ })
    .click()
  await expect(heading(page, /^Invoice MB-\d{4}-\d+$/)).toBeVisible()
}

/** Every page of the navigation, and the pages one level below it, by how they are reached. */
const pages: { name: string; open: (page: Page) => Promise<void> }[] = [
  ...[
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
  ].map((name) => ({
    name,
    open: async (page: Page) => {
      await nav(page, name)
      await expect(heading(page, name)).toBeVisible()
    },
  })),
  {
    name: 'Plan',
    open: async (page) => {
      await nav(page, 'Catalog')
      await page.getByRole('row').filter({ hasText: 'starter' }).first().click()
      await expect(heading(page, /Starter/)).toBeVisible()
    },
  },
  {
    name: 'Customer',
    open: async (page) => {
      await nav(page, 'Customers')
      await page.getByRole('row').filter({ hasText: 'Acme Analytics' }).click()
      await expect(heading(page, 'Acme Analytics')).toBeVisible()
    },
  },
  {
    name: 'Invoice',
    open: async (page) => {
      await nav(page, 'Invoices')
      await page.getByRole('row').filter({ hasText: 'Acme Analytics' }).click()
      await expect(heading(page, /^Invoice MB-/)).toBeVisible()
    },
  },
]

/** The dialogs a finance person opens daily, from the control that opens them. */
const dialogs: { name: string; page: string; button: string }[] = [
  { name: 'New customer', page: 'Customers', button: 'New customer' },
  { name: 'New billing run', page: 'Billing runs', button: 'New run' },
]

test('every page and the main dialogs: no serious axe violation, a screenshot each', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000)
  await seed(page)
  for (const { name, open } of pages) {
    await open(page)
    // Let the page's queries settle so axe sees the content, not the loading state.
    await page.waitForLoadState('networkidle')
    await expectNoSeriousViolations(page, testInfo, name)
    await attachScreenshot(page, testInfo, name)
  }
  for (const { name, page: area, button } of dialogs) {
    await nav(page, area)
    const opener = page.getByRole('button', { name: button, exact: true })
    await opener.click()
    const dialog = page.getByRole('dialog', { name })
    await expect(dialog).toBeVisible()
    // axe reads colours as painted: wait for the dialog's fade-in to end.
    await expect(dialog.locator('xpath=..')).toHaveCSS('opacity', '1')
    await expectNoSeriousViolations(page, testInfo, `${name} dialog`)
    await attachScreenshot(page, testInfo, `${name} dialog`)
    // Closing returns the keyboard to the control that opened it.
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
    await expect(opener).toBeFocused()
  }
})

/** Presses Tab until `target` has the focus: a keyboard user's way there. */
const tabTo = async (page: Page, target: Locator, most = 80) => {
  for (let i = 0; i < most; i += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${target.toString()}`)
}

test('keyboard only: skip link, then a customer created without the mouse', async ({ page }) => {
  await expect(heading(page, 'Dashboard')).toBeVisible()
  // The first Tab stop is the skip link; following it puts the focus on the page.
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Skip to main content' })
  await expect(skip).toBeFocused()
  await expect(skip).toBeInViewport()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('main')).toBeFocused()

  await tabTo(page, page.getByRole('navigation').getByRole('link', { name: 'Customers' }))
  // The focused control is outlined, visibly.
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement ?? document.body))
  expect(ring.outlineStyle).toBe('solid')
  await page.keyboard.press('Enter')
  await expect(heading(page, 'Customers')).toBeVisible()

  const opener = page.getByRole('button', { name: 'New customer' })
  await tabTo(page, opener)
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'New customer' })
  await expect(dialog).toBeVisible()
  await tabTo(page, dialog.getByLabel('External id'))
  await page.keyboard.type('globex')
  await tabTo(page, dialog.getByLabel('Name', { exact: true }))
  await page.keyboard.type('Globex Corporation')
  // No plan: the customer's currency is typed.
  await tabTo(page, dialog.getByRole('combobox', { name: 'Currency' }))
  await page.keyboard.type('EUR')
  await tabTo(page, dialog.getByRole('button', { name: 'Create customer' }))
  await page.keyboard.press('Enter')
  await expect(heading(page, 'Globex Corporation')).toBeVisible()
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('EUR')
})

test('at 1024x700: the navigation collapses, grids keep their key columns, no sideways scroll', async ({
  page,
}, testInfo) => {
  test.slow()
  await importCatalog(page)
  await createCustomer(page)
  await page.setViewportSize({ width: 1024, height: 700 })
  const navigation = page.getByRole('navigation', { name: 'Main' })
  // Icons only, each link still named.
  expect((await navigation.boundingBox())?.width).toBeLessThanOrEqual(64)
  await expect(navigation.getByRole('link', { name: 'Invoices' })).toBeVisible()

  const grids: { area: string; columns: string[] }[] = [
    { area: 'Customers', columns: ['External id', 'Name', 'Plan', 'Status'] },
    { area: 'Invoices', columns: ['Number', 'Customer', 'Total', 'Status'] },
    { area: 'Retry queue', columns: ['Customer', 'Amount', 'Error'] },
  ]
  for (const { area, columns } of grids) {
    await nav(page, area)
    await expect(heading(page, area)).toBeVisible()
    for (const column of columns)
      await expect(page.getByRole('columnheader', { name: column, exact: true })).toBeInViewport()
    const sideways = await page.evaluate(() =>
      [document.documentElement, document.querySelector('main')].some(
        (element) => element !== null && element.scrollWidth > element.clientWidth,
      ),
    )
    expect(sideways, `${area} scrolls sideways at 1024 px`).toBe(false)
    await attachScreenshot(page, testInfo, `${area} at 1024x700`)
  }

  // From 1280 px the navigation shows its labels again.
  await page.setViewportSize({ width: 1280, height: 800 })
  await expect(navigation.getByText('Invoices', { exact: true })).toBeVisible()
})
