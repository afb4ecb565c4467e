import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { importCustomers } from '../../src-main/customers/customers-import'
import { findPlan } from '../../src-main/catalog/plans'
import { invoke } from '../../src-main/ipc/dispatcher'
import type { Plan } from '../../src-shared/domain/catalog'
import { customersTestApp, fixture } from './customers-support'

let app: Awaited<ReturnType<typeof customersTestApp>>
beforeEach(async () => {
  app = await customersTestApp()
})
afterEach(() => app.close())

const importText = (text: string) => invoke(app.dispatch, 'customers:import', { text })
const customer = (externalId: string) => invoke(app.dispatch, 'customers:get', { externalId })
const auditedCustomers = (): number =>
  app.ledger.db
    .prepare(
      "SELECT COUNT(*) FROM audit_entry WHERE action = 'customers:import' AND entity_type = 'customer'",
    )
    .pluck()
    .get() as number

describe('customers import: what a row leaves out stays as it is', () => {
  it('re-importing a customer with only the required columns keeps tax_exempt true, the region, anchor and trial end', async () => {
    await importText(fixture('customers.csv'))
    expect(auditedCustomers()).toBe(2)
    const result = await importText(
      'external_id,name,email,plan,start_date\nglobex,"Globex, Inc.",ap@globex.example,business,2026-09-01\nacme,Acme Analytics,billing@acme.example,starter,2026-10-15\n',
    )
    expect(await customer('globex')).toMatchObject({
      taxExempt: true,
      taxRegion: 'US-CA',
      subscription: { billingAnchorDay: 1 },
    })
    expect((await customer('acme')).subscription).toMatchObject({
      trialEnd: '2026-12-31',
      billingAnchorDay: 15,
    })
    expect(result).toMatchObject({ read: 2, created: 0, updated: 0, unchanged: 2, rejected: 0 })
    // Nothing changed, so nothing was written or audited for a customer.
    expect(auditedCustomers()).toBe(2)
  })

  it('an empty cell keeps the value; a filled one changes it, with one audit entry for that customer', async () => {
    await importText(fixture('customers.csv'))
    const result = await importText(
      'external_id,name,email,plan,start_date,tax_exempt,tax_region,trial_end\nglobex,"Globex, Inc.",,,,,EU-FR,\nacme,Acme Analytics,,,,,,none\n',
    )
    expect(result).toMatchObject({ updated: 2, unchanged: 0, rejected: 0 })
    expect(await customer('globex')).toMatchObject({
      email: 'ap@globex.example',
      taxExempt: true,
      taxRegion: 'EU-FR',
      subscription: { planId: 'business', startDate: '2026-09-01' },
    })
    expect((await customer('acme')).subscription).toMatchObject({ trialEnd: null })
    expect(auditedCustomers()).toBe(4)
  })

  it('an unknown column is an error naming it, before anything is imported', async () => {
    await expect(
      importText(
        'external_id,name,email,plan,start_date,vip\nacme,Acme,a@acme.example,starter,2026-10-15,yes\n',
      ),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('Unknown column "vip"') as unknown,
      fields: { vip: 'is not a column of the customers import' },
    })
    expect((await invoke(app.dispatch, 'customers:list', {})).total).toBe(0)
  })
})

describe('customers import: overrides per customer', () => {
  const header =
    'external_id,name,email,plan,start_date,override.api_calls.included_units,override.api_calls.unit_amount,override.seats.limit'

  it('sets a feature contract from override columns; an empty cell keeps a field, "none" clears it', async () => {
    await importText(`${header}\nacme,Acme,a@acme.example,starter,2026-10-15,50000,0.0012,20\n`)
    expect((await customer('acme')).overrides).toEqual([
      {
        code: 'api_calls',
        includedUnits: '50000',
        pricing: { model: 'flat', unit_amount: '0.0012', free_units: '0' },
      },
      { code: 'seats', limit: '20' },
    ])
    const again = await importText(
      `${header}\nacme,Acme,a@acme.example,starter,2026-10-15,,,none\n`,
    )
    expect(again).toMatchObject({ updated: 1 })
    expect((await customer('acme')).overrides).toEqual([
      {
        code: 'api_calls',
        includedUnits: '50000',
        pricing: { model: 'flat', unit_amount: '0.0012', free_units: '0' },
      },
    ])
  })

  it('rejects a bad override value, or a feature the plan lacks, naming the column', async () => {
    const result = await importText(
      'external_id,name,email,plan,start_date,override.api_calls.included_units,override.sms.limit\n' +
        'a,A,a@a.example,starter,2026-10-15,lots,\n' +
        'b,B,b@b.example,starter,2026-10-15,,10\n',
    )
    expect(result.rejects.map((r) => [r.rowNumber, r.column, r.value, r.reason])).toEqual([
      [1, 'override.api_calls.included_units', 'lots', 'must be a non-negative decimal number'],
      [2, 'override.sms.limit', '10', '"sms" is not a feature of the plan'],
    ])
  })
})

describe('customers import: batches', () => {
  it('writes in batches of its size, one audit entry per customer changed and one for the import', async () => {
    const plans = new Map<string, Plan>()
    const starter = await findPlan(app.ledger.dataSource.manager, 'starter')
    if (starter) plans.set('starter', starter)
    const rows = Array.from(
      { length: 7 },
      (_, i) => `c${i},C${i},c${i}@example.com,starter,2026-10-01`,
    )
    const text = `external_id,name,email,plan,start_date\n${rows.join('\n')}\n`
    const deps = {
      db: app.ledger.db,
      plans,
      now: new Date('2026-11-15T12:00:00.000Z'),
      operator: 'tester',
      batchRows: 3,
    }
    // Each batch is one transaction: count them.
    let transactions = 0
    const original = deps.db.transaction.bind(deps.db)
    deps.db.transaction = ((fn: () => unknown) => {
      transactions++
      return original(fn)
    }) as typeof deps.db.transaction
    const { result } = importCustomers(deps, { text })
    expect(result).toMatchObject({ read: 7, created: 7 })
    expect(transactions).toBe(3)
    expect(auditedCustomers()).toBe(7)
    const summaries = app.ledger.db
      .prepare("SELECT after_json FROM audit_entry WHERE entity_type = 'customer-import'")
      .pluck()
      .all()
    expect(summaries.map((s) => JSON.parse(s as string) as unknown)).toEqual([
      { read: 7, created: 7, updated: 0, unchanged: 0, rejected: 0 },
    ])
  })
})
