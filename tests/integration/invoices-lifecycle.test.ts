import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expireCredits } from '../../src-main/credits/credit-ledger'
import { invoke } from '../../src-main/ipc/dispatcher'
import { finalizeDue, finalizePeriod } from '../../src-main/invoices/lifecycle'
import {
  creditBalance,
  grantCredit,
  invoicesTestApp,
  seedDraft,
  type InvoicesTestApp,
} from './invoices-support'

let app: InvoicesTestApp
beforeEach(async () => {
  app = await invoicesTestApp()
})
afterEach(() => app.close())

const finalize = (id: number) => invoke(app.dispatch, 'invoices:finalize', { id })
const lastNumber = (series: string) =>
  app.db.prepare('SELECT last FROM number_sequence WHERE series = ?').pluck().get(series)

describe('finalizing a draft', () => {
  it('numbers it in the year series, dates it and sets the due date from the payment terms', async () => {
    const first = await finalize(seedDraft(app.db))
    const second = await finalize(seedDraft(app.db, { customer: 'globex' }))
    expect(first).toMatchObject({
      number: 'MB-2026-000001',
      status: 'finalized',
      issuedAt: '2026-11-03T09:00:00.000Z',
      finalizedAt: '2026-11-03T09:00:00.000Z',
      finalizedBy: 'tester',
      dueDate: '2026-11-17',
    })
    expect(second.number).toBe('MB-2026-000002')
    const audit = await invoke(app.dispatch, 'audit:list', { entityId: 'MB-2026-000001' })
    expect(audit.entries[0]).toMatchObject({
      action: 'invoices:finalize',
      entityType: 'invoice',
      before: { status: 'draft', number: null, totalMinor: 11_900 },
      after: { status: 'finalized', number: 'MB-2026-000001', totalMinor: 11_900 },
    })
  })

  it('starts a new series each year and per prefix, each gapless on its own', async () => {
    expect((await finalize(seedDraft(app.db))).number).toBe('MB-2026-000001')
    app.clock.advance(60 * 86_400_000) // 2027-01-02
    expect((await finalize(seedDraft(app.db, { period: '2026-11' }))).number).toBe('MB-2027-000001')
    await invoke(app.dispatch, 'settings:update', { invoicePrefix: 'INV' })
    expect((await finalize(seedDraft(app.db, { period: '2026-12' }))).number).toBe(
      'INV-2027-000001',
    )
    await invoke(app.dispatch, 'settings:update', { invoicePrefix: 'MB' })
    expect((await finalize(seedDraft(app.db, { customer: 'globex' }))).number).toBe(
      'MB-2027-000002',
    )
  })

  it('dates by the business time zone: 03:00 UTC on January 1st is still 2026 in Los Angeles', async () => {
    await invoke(app.dispatch, 'settings:update', {
      businessTimeZone: 'America/Los_Angeles',
      paymentTermsDays: 30,
    })
    app.clock.advance(new Date('2027-01-01T03:00:00Z').getTime() - app.clock.now().getTime())
    const invoice = await finalize(seedDraft(app.db))
    expect(invoice.number).toBe('MB-2026-000001')
    // Finalized on December 31st there, so due 30 days later.
    expect(invoice.dueDate).toBe('2027-01-30')
  })

  it('consumes no number when the finalization fails: the next one takes it', async () => {
    const doomed = seedDraft(app.db)
    const next = seedDraft(app.db, { customer: 'globex' })
    // Any failure after the number is taken, such as the ledger refusing the write.
    app.db.exec(`CREATE TRIGGER fail_once BEFORE UPDATE ON invoice WHEN NEW.id = ${doomed}
      AND NEW.status = 'finalized' BEGIN SELECT RAISE(ABORT, 'disk full'); END`)
    await expect(finalize(doomed)).rejects.toThrow()
    expect(lastNumber('MB-2026')).toBeUndefined()
    expect((await finalize(next)).number).toBe('MB-2026-000001')
    app.db.exec('DROP TRIGGER fail_once')
    expect((await finalize(doomed)).number).toBe('MB-2026-000002')
  })

  it('gives distinct consecutive numbers to finalizations requested at the same time', async () => {
    const ids = Array.from({ length: 6 }, (_, i) =>
      seedDraft(app.db, { customer: i % 2 ? 'acme' : 'globex', period: `2026-0${i + 1}` }),
    )
    const done = await Promise.all(ids.map((id) => finalize(id)))
    expect(done.map((i) => i.number).sort()).toEqual([
      'MB-2026-000001',
      'MB-2026-000002',
      'MB-2026-000003',
      'MB-2026-000004',
      'MB-2026-000005',
      'MB-2026-000006',
    ])
    expect(lastNumber('MB-2026')).toBe(6)
  })

  it('keeps and numbers a zero-amount invoice like any other', async () => {
    const invoice = await finalize(seedDraft(app.db, { lines: [] }))
    expect(invoice).toMatchObject({ number: 'MB-2026-000001', status: 'finalized', totalMinor: 0 })
    expect((await invoke(app.dispatch, 'invoices:list', { status: 'finalized' })).total).toBe(1)
  })

  it("consumes the prepaid credit it applies, and moves the subscription's billed-through mark", async () => {
    grantCredit(app.db, 'acme', 5_000)
    await finalize(seedDraft(app.db, { creditMinor: 3_000, period: '2026-09' }))
    await finalize(seedDraft(app.db, { period: '2026-10' }))
    expect(creditBalance(app.db, 'acme')).toBe(2_000)
    const billedThrough = app.db
      .prepare(
        `SELECT billed_through FROM subscription s JOIN customer c ON c.id = s.customer_id
         WHERE c.external_id = 'acme'`,
      )
      .pluck()
      .get()
    expect(billedThrough).toBe('2026-11-01T00:00:00.000Z')
  })

  it('refuses when the balance no longer covers the credit the draft applies', async () => {
    grantCredit(app.db, 'acme', 1_000)
    const id = seedDraft(app.db, { creditMinor: 3_000 })
    await expect(finalize(id)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('Regenerate the draft') as string,
    })
    expect((await invoke(app.dispatch, 'invoices:get', { id })).status).toBe('draft')
    expect(lastNumber('MB-2026')).toBeUndefined()
    expect(creditBalance(app.db, 'acme')).toBe(1_000)
  })

  it('counts no credit past its expiry, even before the scheduler has written it off', async () => {
    grantCredit(app.db, 'acme', 5_000, '2026-11-01T00:00:00.000Z')
    const id = seedDraft(app.db, { creditMinor: 3_000 })
    await expect(finalize(id)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('now has only $0.00') as string,
    })
  })
})

describe('finalized invoices are immutable', () => {
  it('the ledger refuses changes to their money, and the services say what to do instead', async () => {
    const id = seedDraft(app.db)
    await finalize(id)
    expect(() => app.db.prepare('UPDATE invoice SET total_minor = 1 WHERE id = ?').run(id)).toThrow(
      /immutable/,
    )
    expect(() => app.db.prepare('DELETE FROM invoice_line WHERE invoice_id = ?').run(id)).toThrow(
      /immutable/,
    )
    await expect(
      invoke(app.dispatch, 'invoices:add-line', {
        invoiceId: id,
        description: 'Setup',
        quantity: '1',
        unitAmount: '10',
      }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message:
        'Invoice MB-2026-000001 is finalized and can no longer be changed; issue a credit note to correct it.',
    })
    await expect(finalize(id)).rejects.toMatchObject({
      code: 'conflict',
      message: 'Invoice MB-2026-000001 is already finalized; only drafts can be finalized.',
    })
  })
})

type Step = 'finalize' | 'void' | 'paid' | 'uncollectible'
const step = (id: number, s: Step) => {
  switch (s) {
    case 'finalize':
      return invoke(app.dispatch, 'invoices:finalize', { id })
    case 'void':
      return invoke(app.dispatch, 'invoices:void', { id, reason: 'Billed twice' })
    case 'paid':
      return invoke(app.dispatch, 'invoices:mark-paid', { id, note: 'Bank transfer' })
    case 'uncollectible':
      return invoke(app.dispatch, 'invoices:mark-uncollectible', { id, reason: 'Insolvent' })
  }
}

describe('status transitions', () => {
  it.each<[Step[], Step, string]>([
    [['finalize'], 'void', 'void'],
    [['finalize'], 'paid', 'paid'],
    [['finalize'], 'uncollectible', 'uncollectible'],
    [['finalize', 'uncollectible'], 'paid', 'paid'],
  ])('after %j, %s makes it %s', async (path, last, status) => {
    const id = seedDraft(app.db)
    for (const s of path) await step(id, s)
    const invoice = await step(id, last)
    expect(invoice.status).toBe(status)
    if (status === 'paid') expect(invoice.paidAt).toBe('2026-11-03T09:00:00.000Z')
    if (status === 'void') expect(invoice.voidedAt).toBe('2026-11-03T09:00:00.000Z')
  })

  it.each<[Step[], Step, RegExp]>([
    [[], 'void', /draft-\d+ is still a draft and cannot be voided/],
    [[], 'paid', /still a draft and cannot be marked paid/],
    [[], 'uncollectible', /still a draft/],
    [['finalize', 'paid'], 'void', /is paid and cannot be voided \(only finalized/],
    [['finalize', 'paid'], 'uncollectible', /is paid and cannot be marked uncollectible/],
    [['finalize', 'void'], 'paid', /is void and cannot be marked paid/],
    [['finalize', 'void'], 'finalize', /already void/],
    [['finalize', 'uncollectible'], 'void', /uncollectible and cannot be voided/],
  ])('after %j, %s is refused', async (path, last, message) => {
    const id = seedDraft(app.db)
    for (const s of path) await step(id, s)
    const before = await invoke(app.dispatch, 'invoices:get', { id })
    await expect(step(id, last)).rejects.toMatchObject({ code: 'conflict', message })
    expect((await invoke(app.dispatch, 'invoices:get', { id })).status).toBe(before.status)
  })

  it('voiding gives the consumed credit back with a restore entry, and audits the reason', async () => {
    grantCredit(app.db, 'acme', 5_000)
    const id = seedDraft(app.db, { creditMinor: 3_000 })
    await finalize(id)
    expect(creditBalance(app.db, 'acme')).toBe(2_000)
    await step(id, 'void')
    expect(creditBalance(app.db, 'acme')).toBe(5_000)
    const kinds = app.db
      .prepare('SELECT kind, amount_minor FROM credit_entry WHERE invoice_id = ? ORDER BY id')
      .raw()
      .all(id)
    expect(kinds).toEqual([
      ['consume', -3_000],
      ['restore', 3_000],
    ])
    const audit = await invoke(app.dispatch, 'audit:list', { action: 'invoices:void' })
    expect(audit.entries[0]?.after).toMatchObject({ status: 'void', reason: 'Billed twice' })
  })

  it('restores the credit with the expiry of the lots it was taken from', async () => {
    grantCredit(app.db, 'acme', 2_000, '2026-12-31T00:00:00.000Z')
    grantCredit(app.db, 'acme', 4_000)
    const id = seedDraft(app.db, { creditMinor: 3_000 })
    await finalize(id)
    await step(id, 'void')
    const restored = app.db
      .prepare(
        "SELECT amount_minor, expires_at FROM credit_entry WHERE kind = 'restore' ORDER BY id",
      )
      .raw()
      .all()
    expect(restored).toEqual([
      [2_000, '2026-12-31T00:00:00.000Z'],
      [1_000, null],
    ])
    // The restored part that was due to expire still does.
    expireCredits(app.db, { now: new Date('2027-01-01T00:00:00.000Z'), operator: 'scheduler' })
    expect(creditBalance(app.db, 'acme')).toBe(4_000)
  })
})

describe('automatic and period finalization', () => {
  it('finalizes the drafts older than the grace period and leaves the newer ones', async () => {
    const old = seedDraft(app.db, { createdAt: '2026-10-31T08:00:00.000Z' })
    const fresh = seedDraft(app.db, { customer: 'globex', createdAt: '2026-11-01T10:00:00.000Z' })
    const outcome = finalizeDue(app.db, { now: app.clock.now(), operator: 'scheduler' })
    expect(outcome).toEqual({
      finalized: [{ id: old, number: 'MB-2026-000001' }],
      failed: [],
      warnings: [],
    })
    const finalized = await invoke(app.dispatch, 'invoices:get', { id: old })
    expect(finalized).toMatchObject({ number: 'MB-2026-000001', finalizedBy: 'scheduler' })
    expect((await invoke(app.dispatch, 'invoices:get', { id: fresh })).status).toBe('draft')
    const audit = await invoke(app.dispatch, 'audit:list', { entityId: 'MB-2026-000001' })
    expect(audit.entries[0]).toMatchObject({ operator: 'scheduler', action: 'invoices:finalize' })
  })

  it("finalizes a period's drafts, reports those it cannot, and leaves other periods alone", async () => {
    grantCredit(app.db, 'acme', 100)
    const covered = seedDraft(app.db, { customer: 'globex' })
    const uncovered = seedDraft(app.db, { creditMinor: 500 })
    const otherPeriod = seedDraft(app.db, { period: '2026-09' })
    const outcome = finalizePeriod(app.db, '2026-10', { now: app.clock.now(), operator: 'cli' })
    expect(outcome.finalized).toEqual([{ id: covered, number: 'MB-2026-000001' }])
    expect(outcome.failed).toMatchObject([{ id: uncovered, customerId: 'acme' }])
    expect((await invoke(app.dispatch, 'invoices:get', { id: otherPeriod })).status).toBe('draft')
  })
})
