import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applicableDiscounts } from '../../src-main/credits/discounts'
import { invoke } from '../../src-main/ipc/dispatcher'
import type { DiscountInput } from '../../src-shared/domain/billing'
import {
  lifecycleApp,
  seedInvoice,
  subscribe,
  type LifecycleApp,
  type SeededInvoice,
} from './subscriptions-support'

let app: LifecycleApp
let ids: { customerId: number; subscriptionId: number }
beforeEach(async () => {
  app = await lifecycleApp('2026-11-15T12:00:00.000Z')
  ids = await subscribe(app, 'acme', { planId: 'starter', startDate: '2026-06-01' })
})
afterEach(() => app.close())

const create = async (input: Partial<DiscountInput>) => {
  const list = await invoke(app.dispatch, 'discounts:create', {
    externalId: 'acme',
    description: 'Welcome',
    kind: 'percent',
    value: '10',
    duration: 'once',
    startsWith: '2026-07',
    ...input,
  })
  const created = list[list.length - 1]
  if (!created) throw new Error('no discount created')
  return created.id
}

/** An invoice of `period` carrying the discount, as the billing run records it. */
const appliedOn = (
  discountId: number,
  period: string,
  status: SeededInvoice['status'],
  amountMinor = 190,
) => {
  const invoiceId = seedInvoice(app.ledger.db, {
    ...ids,
    period,
    status: 'draft',
    totalMinor: amountMinor,
  })
  app.ledger.db
    .prepare(
      "INSERT INTO invoice_discount (invoice_id, discount_id, description, amount_minor) VALUES (?, ?, 'x', ?)",
    )
    .run(invoiceId, discountId, amountMinor)
  // The discount takes the whole subtotal: the ledger finalizes only invoices that add up.
  app.ledger.db
    .prepare('UPDATE invoice SET discount_minor = ?, total_minor = 0 WHERE id = ?')
    .run(amountMinor, invoiceId)
  if (status !== 'draft')
    app.ledger.db
      .prepare('UPDATE invoice SET status = ?, number = ? WHERE id = ?')
      .run(status, `MB-T-${invoiceId}`, invoiceId)
  return invoiceId
}

const applicable = (period: string, invoiceId: number | null = null) =>
  applicableDiscounts(app.ledger.db, ids.customerId, period, invoiceId).map((d) => d.id)

describe('applicable discounts', () => {
  it('start with their first period', async () => {
    const id = await create({ duration: 'forever', startsWith: '2026-08' })
    expect(applicable('2026-07')).toEqual([])
    expect(applicable('2026-08')).toEqual([id])
    expect(applicable('2027-01')).toEqual([id])
  })

  it('once: until it is on another invoice that is not void', async () => {
    const id = await create({ duration: 'once' })
    expect(applicable('2026-07')).toEqual([id])
    const voided = appliedOn(id, '2026-07', 'void')
    expect(applicable('2026-08')).toEqual([id])
    const kept = appliedOn(id, '2026-08', 'finalized')
    expect(applicable('2026-09')).toEqual([])
    // Recomputing the invoice that carries it keeps it there.
    expect(applicable('2026-08', kept)).toEqual([id])
    expect(applicable('2026-07', voided)).toEqual([])
  })

  it('is not used up by an invoice it took nothing off (a trial month of zero)', async () => {
    const once = await create({ duration: 'once' })
    const repeating = await create({ duration: 'repeating', periods: 1 })
    appliedOn(once, '2026-07', 'finalized', 0)
    appliedOn(repeating, '2026-08', 'paid', 0)
    expect(applicable('2026-09')).toEqual([once, repeating])
    appliedOn(once, '2026-09', 'finalized')
    expect(applicable('2026-10')).toEqual([repeating])
    const [listed] = await invoke(app.dispatch, 'discounts:list', { externalId: 'acme' })
    expect(listed?.applied).toBe(1)
  })

  it('repeating: on fewer than `periods` other invoices', async () => {
    const id = await create({ duration: 'repeating', periods: 2 })
    const first = appliedOn(id, '2026-07', 'paid')
    expect(applicable('2026-08')).toEqual([id])
    const second = appliedOn(id, '2026-08', 'draft')
    expect(applicable('2026-09')).toEqual([])
    expect(applicable('2026-08', second)).toEqual([id])
    expect(applicable('2026-07', first)).toEqual([id])
  })

  it('forever: however often applied; inactive ones never; ordered by id', async () => {
    const forever = await create({ duration: 'forever', kind: 'fixed', value: '500' })
    const once = await create({ duration: 'once' })
    for (const period of ['2026-07', '2026-08', '2026-09']) appliedOn(forever, period, 'paid')
    expect(applicableDiscounts(app.ledger.db, ids.customerId, '2026-10', null)).toEqual([
      { id: forever, description: 'Welcome', kind: 'fixed', value: '500' },
      { id: once, description: 'Welcome', kind: 'percent', value: '10' },
    ])
    await invoke(app.dispatch, 'discounts:deactivate', { id: forever })
    expect(applicable('2026-10')).toEqual([once])
  })
})

describe('discount channels', () => {
  it('creates with a normalized value and lists how often each was applied', async () => {
    const id = await create({ value: '12.50', duration: 'repeating', periods: 3 })
    appliedOn(id, '2026-07', 'finalized')
    appliedOn(id, '2026-08', 'void')
    appliedOn(id, '2026-09', 'draft')
    expect(await invoke(app.dispatch, 'discounts:list', { externalId: 'acme' })).toEqual([
      {
        id,
        description: 'Welcome',
        kind: 'percent',
        value: '12.5',
        duration: 'repeating',
        periods: 3,
        startsWith: '2026-07',
        applied: 2,
        active: true,
        createdAt: '2026-11-15T12:00:00.000Z',
      },
    ])
    const audit = await invoke(app.dispatch, 'audit:list', {
      entityType: 'discount',
      entityId: 'acme',
    })
    expect(audit.entries[0]).toMatchObject({ action: 'discounts:create', before: null })
  })

  it.each([
    [{ kind: 'fixed', value: '10.5' }, 'value', 'must be a whole number of minor units'],
    [{ value: '0' }, 'value', 'must be more than zero'],
    [{ value: '100.5' }, 'value', 'must be at most 100 percent'],
    [{ duration: 'repeating' }, 'periods', 'must be set for a repeating discount'],
  ] as const)('refuses %o', async (input, field, reason) => {
    await expect(create(input)).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { [field]: reason },
    })
  })

  it('deactivates once, with an audit entry, and refuses unknown ids', async () => {
    const id = await create({})
    const list = await invoke(app.dispatch, 'discounts:deactivate', { id })
    expect(list[0]?.active).toBe(false)
    const audit = await invoke(app.dispatch, 'audit:list', {
      entityType: 'discount',
      entityId: 'acme',
    })
    expect(audit.entries[0]).toMatchObject({
      action: 'discounts:deactivate',
      before: { active: true },
      after: { active: false },
    })
    await expect(invoke(app.dispatch, 'discounts:deactivate', { id })).rejects.toMatchObject({
      code: 'conflict',
    })
    await expect(invoke(app.dispatch, 'discounts:deactivate', { id: 999 })).rejects.toMatchObject({
      code: 'not_found',
    })
  })
})
