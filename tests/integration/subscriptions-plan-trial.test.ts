import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import type { CustomerInput } from '../../src-shared/domain/customers'
import { addEvents } from './billing-support'
import { customersTestApp } from './customers-support'

// The catalog fixture's Starter plan: USD 19.00 a month, `trialDays: 14`. The clock: 2026-11-15.
let app: Awaited<ReturnType<typeof customersTestApp>>
beforeEach(async () => {
  app = await customersTestApp()
})
afterEach(() => app.close())

const starter = (
  externalId: string,
  subscription: Partial<NonNullable<CustomerInput['subscription']>>,
): CustomerInput => ({
  externalId,
  name: externalId,
  subscription: { planId: 'starter', startDate: '2026-10-01', ...subscription },
})

const save = (input: CustomerInput) => invoke(app.dispatch, 'customers:save', input)

const octoberBase = async (externalId: string) => {
  const page = await invoke(app.dispatch, 'invoices:list', { customer: externalId })
  const summary = page.invoices.find((i) => i.period === '2026-10')
  if (!summary) return null
  const invoice = await invoke(app.dispatch, 'invoices:get', { id: summary.id })
  return invoice.lines.find((l) => l.kind === 'base')?.amountMinor ?? null
}

describe("a plan version's trial", () => {
  it('starts a new subscription with its trial days unless a trial end, or none, is given', async () => {
    expect((await save(starter('plain', {}))).subscription?.trialEnd).toBe('2026-10-15')
    expect((await save(starter('none', { trialEnd: null }))).subscription?.trialEnd).toBeNull()
    expect((await save(starter('own', { trialEnd: '2026-12-31' }))).subscription).toMatchObject({
      trialEnd: '2026-12-31',
      status: 'trialing',
    })
    // Saving an existing subscription without a trial end keeps the one it has.
    const resaved = await save({ ...starter('none', {}), name: 'None Ltd' })
    expect(resaved.subscription?.trialEnd).toBeNull()
  })

  it('reads `none` in the CSV as no trial, and an empty cell as the plan trial (new) or as is', async () => {
    const csv = (rows: string[]) =>
      invoke(app.dispatch, 'customers:import', {
        text: ['external_id,name,email,plan,start_date,trial_end', ...rows].join('\n'),
      })
    const first = await csv([
      'a,A,,starter,2026-10-01,',
      'b,B,,starter,2026-10-01,none',
      'c,C,,starter,2026-10-01,2026-10-05',
    ])
    expect(first).toMatchObject({ created: 3, rejected: 0 })
    const trialOf = async (id: string) =>
      (await invoke(app.dispatch, 'customers:get', { externalId: id })).subscription?.trialEnd
    expect([await trialOf('a'), await trialOf('b'), await trialOf('c')]).toEqual([
      '2026-10-15',
      null,
      '2026-10-05',
    ])
    await csv(['b,B,,starter,2026-10-01,', 'c,C,,starter,2026-10-01,NONE'])
    expect([await trialOf('b'), await trialOf('c')]).toEqual([null, null])
  })

  it('bills a period in which the trial ends from its last day: base fee prorated by days', async () => {
    await save(starter('mid', {}))
    await save(starter('none', { trialEnd: null }))
    await invoke(app.dispatch, 'billing:run', { period: '2026-10' })
    // 1–14 October in trial: 17 of 31 days billed, 1900 × 17 / 31 = 1041.94 → 1042.
    expect(await octoberBase('mid')).toBe(1042)
    expect(await octoberBase('none')).toBe(1900)
  })

  it('bills nothing for a period wholly in trial when the trial ends on a period boundary', async () => {
    // 14 days from 17 September end on 1 October, where the monthly periods (anchor 1) begin.
    const saved = await save(starter('edge', { startDate: '2026-09-17', billingAnchorDay: 1 }))
    expect(saved.subscription?.trialEnd).toBe('2026-10-01')
    const september = await invoke(app.dispatch, 'billing:run', { period: '2026-09' })
    expect(september.items[0]).toMatchObject({
      outcome: 'skipped',
      reason: 'the whole period is in trial',
    })
    await invoke(app.dispatch, 'billing:run', { period: '2026-10' })
    expect(await octoberBase('edge')).toBe(1900)
  })

  it('counts trial days in the business time zone: a trial ending on the 31st bills one day', async () => {
    await invoke(app.dispatch, 'settings:update', { businessTimeZone: 'America/New_York' })
    const saved = await save(starter('late', { startDate: '2026-10-17', billingAnchorDay: 1 }))
    expect(saved.subscription?.trialEnd).toBe('2026-10-31')
    // 30 October 23:30 in New York is still in trial; 31 October 01:00 there is billed.
    addEvents(app.ledger.db, 'late', [
      ['in-trial', 'api_calls', '50000', '2026-10-31T03:30:00Z'],
      ['billed', 'api_calls', '20000', '2026-10-31T05:00:00Z'],
    ])
    await invoke(app.dispatch, 'billing:run', { period: '2026-10' })
    // 31 October alone, of 31 days: 1900 / 31 = 61.29 → 61.
    expect(await octoberBase('late')).toBe(61)
    const page = await invoke(app.dispatch, 'invoices:list', { customer: 'late' })
    const invoice = await invoke(app.dispatch, 'invoices:get', { id: page.invoices[0]?.id ?? 0 })
    // 20,000 calls less 10,000 included, at 0.002: 20.00 (in UTC it would be 60,000 calls).
    expect(invoice.lines.find((l) => l.kind === 'usage')).toMatchObject({
      quantity: '10000',
      amountMinor: 2000,
    })
  })
})
