import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { addEvents, billingTestApp, invoicesOf } from './billing-support'
import { creditBalance, invoicesTestApp, seedDraft, type InvoicesTestApp } from './invoices-support'

let app: InvoicesTestApp
beforeEach(async () => {
  app = await invoicesTestApp()
})
afterEach(() => app.close())

const addLine = (invoiceId: number, unitAmount: string, quantity = '1') =>
  invoke(app.dispatch, 'invoices:add-line', {
    invoiceId,
    description: 'Hand-made',
    quantity,
    unitAmount,
  })
const stored = (id: number) =>
  app.db
    .prepare<[number], { status: string; number: string | null; subtotal_minor: number }>(
      'SELECT status, number, subtotal_minor FROM invoice WHERE id = ?',
    )
    .get(id)
const lineCount = (id: number) =>
  app.db
    .prepare<[number], number>('SELECT count(*) FROM invoice_line WHERE invoice_id = ?')
    .pluck()
    .get(id)

/** A draft without tax (globex, EUR), so subtotal and total are the same figure. */
const untaxed = (amounts: number[], period = '2026-10') =>
  seedDraft(app.db, {
    customer: 'globex',
    period,
    tax: null,
    lines: amounts.map((amountMinor) => ({ description: 'Base', amountMinor, kind: 'base' })),
  })

describe('a line added by hand', () => {
  it('refuses a unit amount of −1,000,000,000,000 (−10^14 cents) and writes nothing', async () => {
    const id = seedDraft(app.db)
    await expect(addLine(id, '-1000000000000')).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { unitAmount: expect.stringContaining('10,000,000,000,000') as string },
    })
    expect(lineCount(id)).toBe(1)
    expect(stored(id)?.subtotal_minor).toBe(10_000)
  })

  it('takes a line of exactly 10^13 minor units and refuses one more cent', async () => {
    const atBound = await addLine(untaxed([]), '100000000000')
    expect(atBound.lines.at(-1)?.amountMinor).toBe(10_000_000_000_000)
    expect(atBound.totalMinor).toBe(10_000_000_000_000)
    const past = untaxed([], '2026-09')
    await expect(addLine(past, '100000000000.01')).rejects.toMatchObject({
      code: 'validation_failed',
    })
    expect(lineCount(past)).toBe(0)
  })

  it('refuses in the schema what cannot fit a line in any currency', async () => {
    const id = untaxed([])
    await expect(addLine(id, '10000000000001')).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { unitAmount: 'must be at most 10,000,000,000,000' },
    })
    await expect(addLine(id, '2', '1000000000.5')).rejects.toMatchObject({
      fields: { quantity: 'must be at most 1,000,000,000' },
    })
    await expect(addLine(id, '100000', '1000000000')).rejects.toMatchObject({
      fields: {
        unitAmount: 'quantity × unit amount must be at most 10,000,000,000,000 minor units',
      },
    })
    await expect(addLine(id, '1e3')).rejects.toMatchObject({ code: 'validation_failed' })
  })

  it('takes a reduction down to a subtotal of zero, not below', async () => {
    const id = untaxed([10_000])
    await expect(addLine(id, '-100.01')).rejects.toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('below zero') as string,
    })
    const reduced = await addLine(id, '-100.00')
    expect(reduced.lines.at(-1)?.amountMinor).toBe(-10_000)
    expect(reduced.subtotalMinor).toBe(0)
  })

  it('keeps the invoice at most 10^13: 5×10^12 twice is taken, one cent more is refused', async () => {
    const id = untaxed([5_000_000_000_000])
    const full = await addLine(id, '50000000000')
    expect(full.subtotalMinor).toBe(10_000_000_000_000)
    await expect(addLine(id, '0.01')).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('past the limit') as string,
    })
    expect(lineCount(id)).toBe(2)
    const finalized = await invoke(app.dispatch, 'invoices:finalize', { id })
    expect(finalized).toMatchObject({ status: 'finalized', totalMinor: 10_000_000_000_000 })
  })
})

describe('finalizing', () => {
  it('refuses a draft whose subtotal differs by one from the sum of its lines', async () => {
    const id = untaxed([5_000_000_000_000, 4_999_999_999_999])
    app.db
      .prepare(
        'UPDATE invoice SET subtotal_minor = subtotal_minor + 1, total_minor = total_minor + 1 WHERE id = ?',
      )
      .run(id)
    await expect(invoke(app.dispatch, 'invoices:finalize', { id })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('is not the sum of its lines') as string,
    })
    expect(stored(id)).toMatchObject({ status: 'draft', number: null })
  })

  it('is refused by the ledger itself when the sums differ, whatever wrote the row', () => {
    const id = untaxed([1_000])
    app.db
      .prepare('UPDATE invoice SET subtotal_minor = 1001, total_minor = 1001 WHERE id = ?')
      .run(id)
    expect(() =>
      app.db
        .prepare("UPDATE invoice SET status = 'finalized', number = 'X-1' WHERE id = ?")
        .run(id),
    ).toThrow(/totals are the sums of its lines and discounts/)
  })
})

describe('prepaid credit', () => {
  const grant = (amountMinor: number) =>
    invoke(app.dispatch, 'credits:add', {
      externalId: 'acme',
      kind: 'grant',
      amountMinor,
      expiresOn: null,
      note: '',
    })

  it('refuses a grant of 2^53 − 1 in the schema', async () => {
    await expect(grant(2 ** 53 - 1)).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { amountMinor: 'must be at most 10,000,000,000,000 minor units' },
    })
    await expect(grant(10_000_000_000_001)).rejects.toMatchObject({ code: 'validation_failed' })
    expect(creditBalance(app.db, 'acme')).toBe(0)
  })

  it('fills a balance up to exactly 10^13 and refuses one minor unit more', async () => {
    await grant(6_000_000_000_000)
    const [usd] = await grant(4_000_000_000_000)
    expect(usd?.balanceMinor).toBe(10_000_000_000_000)
    await expect(grant(1)).rejects.toMatchObject({
      code: 'conflict',
      fields: { amountMinor: 'must be at most 0 (the room left in the balance)' },
    })
    expect(creditBalance(app.db, 'acme')).toBe(10_000_000_000_000)
  })
})

describe('fixed discounts', () => {
  const create = (value: string) =>
    invoke(app.dispatch, 'discounts:create', {
      externalId: 'acme',
      description: 'Big',
      kind: 'fixed',
      value,
      duration: 'once',
      startsWith: '2026-10',
    })

  it('refuses 10^30, and any value past 10^13 minor units, and takes 10^13', async () => {
    await expect(create('1000000000000000000000000000000')).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { value: 'must be at most 10,000,000,000,000 minor units' },
    })
    await expect(create('10000000000001')).rejects.toMatchObject({ code: 'validation_failed' })
    const [made] = await create('10000000000000')
    expect(made?.value).toBe('10000000000000')
  })

  it('refuses a percent a hair over 100, which a float reads as 100', async () => {
    await expect(
      invoke(app.dispatch, 'discounts:create', {
        externalId: 'acme',
        description: 'All',
        kind: 'percent',
        value: '100.0000000000000001',
        duration: 'once',
        startsWith: '2026-10',
      }),
    ).rejects.toMatchObject({ fields: { value: 'must be at most 100 percent' } })
  })
})

describe('a billing run', () => {
  it('reports a subscription whose usage line is past 10^13 as failed and writes no invoice for it', async () => {
    const billing = await billingTestApp()
    try {
      // One API call at a contract price, on top of the 19.00 base fee; no tax for acme here.
      addEvents(billing.db, 'acme', [['e1', 'api_calls', '1', '2026-10-03T10:00:00Z']])
      const price = (unitAmount: string) =>
        billing.db.prepare("UPDATE customer SET overrides_json = ? WHERE external_id = 'acme'").run(
          JSON.stringify([
            {
              code: 'api_calls',
              includedUnits: '0',
              pricing: { model: 'flat', unit_amount: unitAmount },
            },
          ]),
        )
      price('100000000000.01')
      const refused = await invoke(billing.dispatch, 'billing:run', { period: '2026-10' })
      expect(refused).toMatchObject({ status: 'completed', failed: 1, invoices: 0 })
      expect(refused.items.find((i) => i.customerId === 'acme')).toMatchObject({
        outcome: 'failed',
        reason: expect.stringContaining(
          'is $100,000,000,000.01, past 10,000,000,000,000',
        ) as string,
        invoiceId: null,
      })
      expect(invoicesOf(billing.db)).toEqual([])
      // 99,999,999,981.00 + 19.00: an invoice of exactly 10^13.
      price('99999999981')
      const billed = await invoke(billing.dispatch, 'billing:run', { period: '2026-10' })
      expect(billed.totals).toEqual({ USD: 10_000_000_000_000 })
    } finally {
      await billing.close()
    }
  })
})
