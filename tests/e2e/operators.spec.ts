import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

const fillOperator = async (
  page: Page,
  form: string,
  operator: { name: string; displayName: string; password: string },
) => {
  const scope = page.getByRole('form', { name: form })
  await scope.getByRole('textbox', { name: 'Name', exact: true }).fill(operator.name)
  await scope.getByRole('textbox', { name: 'Display name', exact: true }).fill(operator.displayName)
  await scope.getByLabel('Password').fill(operator.password)
  return scope
}

/** Calls a channel from the page with its token, returning the envelope whatever it says. */
const invokeRaw = (page: Page, channel: string, input: unknown) =>
  page.evaluate(
    async ([name, body]) => {
      const response = await fetch(`/api/invoke/${name}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-meterbook-token': sessionStorage.getItem('meterbook.token') ?? '',
        },
        body: JSON.stringify(body),
      })
      return (await response.json()) as unknown
    },
    [channel, input] as const,
  )

test('an admin switches operators on, adds a viewer, and the viewer sees no billing actions', async ({
  page,
}) => {
  const nav = page.getByRole('navigation')
  await nav.getByRole('link', { name: 'Settings' }).click()
  // A single user: nobody signed in, nothing in the app bar.
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0)
  const switchOn = await fillOperator(page, 'Switch on operators', {
    name: 'root',
    displayName: 'Rosa Root',
    password: 'correct horse battery',
  })
  await switchOn.getByRole('button', { name: 'Switch on operators' }).click()
  await expect(page.getByLabel('Signed in as')).toHaveText('Rosa Root (admin)')

  const add = await fillOperator(page, 'Add operator', {
    name: 'ana',
    displayName: 'Ana Viewer',
    password: 'viewer-password-22',
  })
  await add.getByRole('button', { name: 'Add operator' }).click()
  const operators = page.getByRole('table', { name: 'Operators' })
  await expect(operators.getByRole('row').filter({ hasText: 'Ana Viewer' })).toContainText('viewer')

  await page.getByRole('button', { name: 'Sign out' }).click()
  const signIn = page.getByRole('form', { name: 'Sign in' })
  await signIn.getByLabel('Operator name').fill('ana')
  await signIn.getByLabel('Password').fill('not her password')
  await signIn.getByRole('button', { name: 'Sign in' }).click()
  await expect(
    page.getByText('Sign-in failed: the name or the password is not right.'),
  ).toBeVisible()
  await signIn.getByLabel('Password').fill('viewer-password-22')
  await signIn.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByLabel('Signed in as')).toHaveText('Ana Viewer (viewer)')

  // Reading works; the actions of the billing work are not offered.
  await nav.getByRole('link', { name: 'Billing runs' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Billing runs' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'New run' })).toHaveCount(0)
  await nav.getByRole('link', { name: 'Catalog' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Catalog' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'New plan' })).toHaveCount(0)
  await nav.getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByLabel('Company name')).toBeDisabled()
  await expect(page.getByRole('heading', { name: 'Operators' })).toHaveCount(0)

  // And asking main directly is refused by the dispatcher, whatever the page shows.
  expect(await invokeRaw(page, 'billing:run', {})).toEqual({
    ok: false,
    error: {
      code: 'forbidden',
      message: 'Signed in as ana (viewer): running billing needs the finance role.',
    },
  })
})
