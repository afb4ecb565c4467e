import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { addEvents, billingTestApp, type BillingTestApp } from './billing-support'

// Against the real billing run: acme on Starter (USD 19.00 a month, 10,000 API calls included,
// then 0.002 each), billed for October 2026 with the clock in mid-November.
let app: BillingTestApp
beforeEach(async () => {
  app = await billingTestApp()
})
afterEach(() => app.close())

const octoberDraft = async () => {
  await invoke(app.dispatch, 'billing:run', { period: '2026-10' })
  const page = await invoke(app.dispatch, 'invoices:list', { customer: 'acme', period: '2026-10' })
  const draft = page.invoices[0]
  if (!draft) throw new Error('the billing run wrote no draft for acme')
  return draft
}

describe('regenerating a draft', () => {
  it('recomputes it from the usage now stored and keeps the lines added by hand', async () => {
    addEvents(app.db, 'acme', [['e1', 'api_calls', '12000', '2026-10-10T00:00:00Z']])
    const draft = await octoberDraft()
    await invoke(app.dispatch, 'invoices:add-line', {
      invoiceId: draft.id,
      description: 'Onboarding workshop',
      quantity: '1',
      unitAmount: '250',
    })
    // Usage that arrived after the run, before the draft was finalized.
    addEvents(app.db, 'acme', [['e2', 'api_calls', '3000', '2026-10-20T00:00:00Z']])
    const fresh = await invoke(app.dispatch, 'invoices:regenerate', { id: draft.id })
    expect(fresh.id).toBe(draft.id)
    const usage = fresh.lines.find((l) => l.featureCode === 'api_calls')
    // 15,000 calls, 10,000 included: 5,000 × 0.002 = 10.00.
    expect(usage?.amountMinor).toBe(1_000)
    const manual = fresh.lines.filter((l) => l.kind === 'manual')
    expect(manual).toMatchObject([{ description: 'Onboarding workshop', amountMinor: 25_000 }])
    expect(fresh.subtotalMinor).toBe(fresh.lines.reduce((s, l) => s + l.amountMinor, 0))
    expect(fresh.subtotalMinor).toBe(1_900 + 1_000 + 25_000)
    const audit = await invoke(app.dispatch, 'audit:list', { action: 'invoices:regenerate' })
    expect(audit.entries[0]).toMatchObject({ entityId: `draft-${draft.id}` })
  })

  it('refuses a finalized invoice: it is corrected by a credit note, not recomputed', async () => {
    const draft = await octoberDraft()
    const issued = await invoke(app.dispatch, 'invoices:finalize', { id: draft.id })
    await expect(
      invoke(app.dispatch, 'invoices:regenerate', { id: draft.id }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: `Invoice ${issued.number ?? ''} is finalized and can no longer be changed; issue a credit note to correct it.`,
    })
  })
})
