import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { addCustomer, invoicesTestApp, seedDraft, type InvoicesTestApp } from './invoices-support'

// The clock is 2026-11-03 (UTC business time zone): an invoice due before that is overdue.
let app: InvoicesTestApp
beforeEach(async () => {
  app = await invoicesTestApp()
})
afterEach(() => app.close())

/** Issues a seeded draft as it would be at finalization: number, issue and due dates. */
const issue = (
  id: number,
  status: 'finalized' | 'paid',
  number: string,
  issued: string,
  due: string,
): void => {
  app.db
    .prepare(
      `UPDATE invoice SET status = ?, number = ?, issued_at = ?, finalized_at = ?, due_date = ?
       WHERE id = ?`,
    )
    .run(status, number, `${issued}T09:00:00.000Z`, `${issued}T09:00:00.000Z`, due, id)
}

/** Four invoices: totals 11,900 / 5,950 / 23,800 / 1,190 (19% VAT on 10,000 / 5,000 / 20,000 / 1,000). */
const seedFour = (): Record<'a' | 'b' | 'c' | 'd', number> => {
  const a = seedDraft(app.db, {
    customer: 'acme',
    period: '2026-10',
    lines: [{ description: 'Plan', amountMinor: 10_000 }],
  })
  const b = seedDraft(app.db, {
    customer: 'globex',
    period: '2026-10',
    lines: [{ description: 'Plan', amountMinor: 5_000 }],
  })
  const c = seedDraft(app.db, {
    customer: 'acme',
    period: '2026-09',
    lines: [{ description: 'Plan', amountMinor: 20_000 }],
  })
  const d = seedDraft(app.db, {
    customer: 'globex',
    period: '2026-09',
    lines: [{ description: 'Plan', amountMinor: 1_000 }],
  })
  issue(a, 'finalized', 'MB-2026-000002', '2026-10-05', '2026-10-20')
  issue(b, 'finalized', 'MB-2026-000001', '2026-10-10', '2026-11-10')
  issue(c, 'paid', 'MB-2026-000003', '2026-09-30', '2026-10-15')
  return { a, b, c, d }
}

const ids = async (query: Parameters<typeof invoke<'invoices:list'>>[2]): Promise<number[]> =>
  (await invoke(app.dispatch, 'invoices:list', query)).invoices.map((i) => i.id)

describe('the invoice list sorted and filtered on the server', () => {
  it('sorts by amount, due date, number, issue date and status, either way, the id breaking ties', async () => {
    const { a, b, c, d } = seedFour()
    expect(await ids({ sort: { field: 'amount', direction: 'asc' } })).toEqual([d, b, a, c])
    expect(await ids({ sort: { field: 'amount', direction: 'desc' } })).toEqual([c, a, b, d])
    // A draft has no due date, number or issue date yet: it sorts first going up.
    expect(await ids({ sort: { field: 'due', direction: 'asc' } })).toEqual([d, c, a, b])
    expect(await ids({ sort: { field: 'number', direction: 'asc' } })).toEqual([d, b, a, c])
    expect(await ids({ sort: { field: 'issued', direction: 'desc' } })).toEqual([b, a, c, d])
    expect(await ids({ sort: { field: 'status', direction: 'asc' } })).toEqual([d, a, b, c])
    expect(await ids({ sort: { field: 'status', direction: 'desc' } })).toEqual([c, b, a, d])
    // Pages follow the same order.
    expect(await ids({ sort: { field: 'amount', direction: 'asc' }, limit: 2, offset: 2 })).toEqual(
      [a, c],
    )
  })

  it('filters the overdue invoices: finalized and due before today', async () => {
    const { a } = seedFour()
    const page = await invoke(app.dispatch, 'invoices:list', { overdue: true })
    expect(page.invoices.map((i) => i.id)).toEqual([a])
    expect(page).toMatchObject({ total: 1, totals: { USD: 11_900 } })
  })

  it('counts each status, and overdue, for the other filters', async () => {
    seedFour()
    const counts = { draft: 1, finalized: 2, paid: 1, void: 0, uncollectible: 0, overdue: 1 }
    expect((await invoke(app.dispatch, 'invoices:list', {})).statusCounts).toEqual(counts)
    // The chips stay put when one is chosen: the status filter is not theirs to count by.
    const paid = await invoke(app.dispatch, 'invoices:list', { status: 'paid' })
    expect(paid.statusCounts).toEqual(counts)
    expect(paid.total).toBe(1)
    expect(
      (await invoke(app.dispatch, 'invoices:list', { customer: 'acme' })).statusCounts,
    ).toEqual({ draft: 0, finalized: 1, paid: 1, void: 0, uncollectible: 0, overdue: 1 })
  })

  it('refuses a sort field outside the closed list', async () => {
    await expect(
      invoke(app.dispatch, 'invoices:list', {
        sort: { field: 'customer_id' as 'amount', direction: 'asc' },
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' })
  })
})

describe('the customer list sorted and filtered on the server', () => {
  beforeEach(() => {
    addCustomer(app.db, {
      externalId: 'initech',
      name: 'Initech',
      currency: 'USD',
      plan: 'starter',
    })
    app.db
      .prepare(
        `UPDATE subscription SET status = 'past_due'
         WHERE customer_id = (SELECT id FROM customer WHERE external_id = 'initech')`,
      )
      .run()
  })
  const names = async (query: Parameters<typeof invoke<'customers:list'>>[2]): Promise<string[]> =>
    (await invoke(app.dispatch, 'customers:list', query)).customers.map((c) => c.externalId)

  it('filters by status (all past due) and by plan, sorted either way', async () => {
    expect(await names({ status: 'past_due' })).toEqual(['initech'])
    expect(await names({ plan: 'starter', sort: { field: 'name', direction: 'desc' } })).toEqual([
      'initech',
      'acme',
    ])
    const page = await invoke(app.dispatch, 'customers:list', { plan: 'starter', status: 'active' })
    expect(page).toMatchObject({ total: 1, customers: [{ externalId: 'acme' }] })
  })

  it('sorts by plan and by status, the id breaking ties', async () => {
    expect(await names({ sort: { field: 'plan', direction: 'asc' } })).toEqual([
      'globex',
      'acme',
      'initech',
    ])
    expect(await names({ sort: { field: 'status', direction: 'desc' } })).toEqual([
      'initech',
      'globex',
      'acme',
    ])
    expect(await names({ sort: { field: 'externalId', direction: 'desc' } })).toEqual([
      'initech',
      'globex',
      'acme',
    ])
  })
})
