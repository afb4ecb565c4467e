import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { customersTestApp } from './customers-support'

let app: Awaited<ReturnType<typeof customersTestApp>>
beforeEach(async () => {
  app = await customersTestApp()
})
afterEach(() => app.close())

const subscription = { planId: 'starter', startDate: '2026-10-01' }

describe("a customer's billing email", () => {
  it('is kept apart from the contact email, and a save that leaves it out keeps it', async () => {
    await invoke(app.dispatch, 'customers:save', {
      externalId: 'acme',
      name: 'Acme Analytics',
      email: 'ceo@acme.example',
      billingEmail: 'ap@acme.example',
      subscription,
    })
    await invoke(app.dispatch, 'customers:save', { externalId: 'acme', name: 'Acme Inc.' })
    expect(await invoke(app.dispatch, 'customers:get', { externalId: 'acme' })).toMatchObject({
      name: 'Acme Inc.',
      email: 'ceo@acme.example',
      billingEmail: 'ap@acme.example',
    })
  })

  it('refuses one that is not an email address, naming the field', async () => {
    await expect(
      invoke(app.dispatch, 'customers:save', {
        externalId: 'acme',
        name: 'Acme',
        billingEmail: 'accounts payable',
        subscription,
      }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { billingEmail: 'must be a valid email address' },
    })
  })

  it('is imported from the billing_email column, and a bad one is rejected by its column', async () => {
    const result = await invoke(app.dispatch, 'customers:import', {
      text: [
        'external_id,name,email,plan,start_date,billing_email',
        'acme,Acme,ceo@acme.example,starter,2026-10-01,ap@acme.example',
        'globex,Globex,ceo@globex.example,starter,2026-10-01,not-an-email',
      ].join('\n'),
    })
    expect(result).toMatchObject({ created: 1, rejected: 1 })
    expect(result.rejects[0]).toMatchObject({
      rowNumber: 2,
      column: 'billing_email',
      value: 'not-an-email',
      reason: 'must be a valid email address',
    })
    expect(await invoke(app.dispatch, 'customers:get', { externalId: 'acme' })).toMatchObject({
      email: 'ceo@acme.example',
      billingEmail: 'ap@acme.example',
    })
  })
})
