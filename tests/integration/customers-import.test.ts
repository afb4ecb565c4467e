import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { customersTestApp, fixture } from './customers-support'

let app: Awaited<ReturnType<typeof customersTestApp>>
beforeEach(async () => {
  app = await customersTestApp()
})
afterEach(() => app.close())

describe('customers import (CSV)', () => {
  it('imports the valid rows and reports each rejected one with its row, column, value and reason', async () => {
    const result = await invoke(app.dispatch, 'customers:import', {
      text: fixture('customers.csv'),
      fileName: 'customers.csv',
    })
    expect(result).toMatchObject({ read: 5, created: 2, updated: 0, rejected: 3 })
    expect(result.rejects).toEqual([
      {
        rowNumber: 3,
        column: 'email',
        value: 'not-an-email',
        reason: 'must be a valid email address',
        raw: 'initech,Initech,not-an-email,starter,2026-10-01,,,,',
      },
      {
        rowNumber: 4,
        column: 'plan',
        value: 'enterprise',
        reason: '"enterprise" is not a plan in the catalog',
        raw: expect.stringContaining('umbrella') as unknown,
      },
      {
        rowNumber: 5,
        column: 'start_date',
        value: '2026-13-01',
        reason: 'must be a date as YYYY-MM-DD',
        raw: expect.stringContaining('hooli') as unknown,
      },
    ])
    const globex = await invoke(app.dispatch, 'customers:get', { externalId: 'globex' })
    expect(globex).toMatchObject({
      name: 'Globex, Inc.',
      currency: 'EUR',
      taxExempt: true,
      taxRegion: 'US-CA',
      subscription: { planId: 'business', billingAnchorDay: 1 },
    })
    const acmeRow = await invoke(app.dispatch, 'customers:get', { externalId: 'acme' })
    expect(acmeRow.subscription).toMatchObject({
      trialEnd: '2026-12-31',
      status: 'trialing',
      billingAnchorDay: 15,
    })
  })

  it('updates rather than duplicates on a second import', async () => {
    await invoke(app.dispatch, 'customers:import', { text: fixture('customers.csv') })
    const again = await invoke(app.dispatch, 'customers:import', {
      text: fixture('customers.csv').replace('Acme Analytics', 'Acme AG'),
    })
    // Globex's row is as stored: nothing written, nothing audited.
    expect(again).toMatchObject({ created: 0, updated: 1, unchanged: 1, rejected: 3 })
    expect((await invoke(app.dispatch, 'customers:list', {})).total).toBe(2)
    expect((await invoke(app.dispatch, 'customers:get', { externalId: 'acme' })).name).toBe(
      'Acme AG',
    )
  })

  it('accepts a BOM, semicolons and CRLF, and refuses a file without the required columns', async () => {
    const semicolons =
      '\uFEFFexternal_id;name;email;plan;start_date\r\nacme;Acme;a@acme.example;starter;2026-10-15\r\n'
    expect(await invoke(app.dispatch, 'customers:import', { text: semicolons })).toMatchObject({
      created: 1,
      rejected: 0,
    })
    await expect(
      invoke(app.dispatch, 'customers:import', { text: 'id,name\n1,x\n' }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining(
        'lacks the columns external_id, email, plan, start_date',
      ) as unknown,
    })
  })

  it('rejects unreadable flags and anchor days by column', async () => {
    const text =
      'external_id,name,email,plan,start_date,billing_anchor_day,tax_exempt\na,A,a@a.example,starter,2026-10-01,first,no\nb,B,b@b.example,starter,2026-10-01,3,maybe\n'
    const result = await invoke(app.dispatch, 'customers:import', { text })
    expect(result.rejects.map((r) => [r.rowNumber, r.column, r.value])).toEqual([
      [1, 'billing_anchor_day', 'first'],
      [2, 'tax_exempt', 'maybe'],
    ])
  })
})
