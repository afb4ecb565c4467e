import { describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { runBilling } from '../../src-main/billing/run'
import { acquireLock, releaseLock } from '../../src-main/billing/lock'
import { appendCreditEntry } from '../../src-main/credits/credit-ledger'
import { dropCustomerIndex, hasCustomerIndex } from '../../src-main/usage/customer-index'
import { addEvents, billingTestApp, finalizeBySql, invoicesOf, linesOf } from './billing-support'

const october: [string, string, string, string][] = [
  ['e1', 'api_calls', '100000', '2026-10-03T10:00:00Z'],
  ['e2', 'api_calls', '50000', '2026-10-20T10:00:00Z'],
  // November: outside the period.
  ['e3', 'api_calls', '999', '2026-11-02T10:00:00Z'],
]

describe('a billing run', () => {
  it('drafts one invoice per due subscription with the base fee and priced usage', async () => {
    const app = await billingTestApp()
    addEvents(app.db, 'acme', october)
    const result = await invoke(app.dispatch, 'billing:run', { period: '2026-10' })
    expect(result).toMatchObject({ status: 'completed', invoices: 1, created: 1, failed: 0 })
    // globex is on a yearly plan that started in October: its period has not ended.
    expect(result.items.find((i) => i.customerId === 'globex')).toMatchObject({
      outcome: 'skipped',
      reason: 'the period has not ended yet',
    })
    const [invoice] = invoicesOf(app.db)
    // Base 19.00; api_calls 150,000 − 10,000 included = 140,000: 100,000 × 0.002 + 40,000 × 0.0015.
    expect(invoice).toMatchObject({
      status: 'draft',
      period: '2026-10',
      subtotal_minor: 1900 + 26000,
    })
    expect(result.totals).toEqual({ USD: 27900 })
    const lines = linesOf(app.db, invoice?.id ?? 0)
    expect(lines.map((l) => [l.kind, l.amount_minor])).toEqual(
      expect.arrayContaining([
        ['base', 1900],
        ['usage', 26000],
      ]),
    )
  })

  it('builds the customer index again first when an import left it missing', async () => {
    const app = await billingTestApp()
    addEvents(app.db, 'acme', october)
    dropCustomerIndex(app.db)
    const result = await invoke(app.dispatch, 'billing:run', { period: '2026-10' })
    expect(result.totals).toEqual({ USD: 27900 })
    expect(hasCustomerIndex(app.db)).toBe(true)
  })

  it('writes each invoice its own lines when a batch holds more lines than one statement takes', async () => {
    const app = await billingTestApp()
    // 70 more customers on acme's plan, customer i using 20,000 + i API calls: over 140 lines.
    const acme = app.db
      .prepare<[], { plan_id: string; plan_version: number }>(
        `SELECT s.plan_id, s.plan_version FROM subscription s
         JOIN customer c ON c.id = s.customer_id WHERE c.external_id = 'acme'`,
      )
      .get()
    for (let i = 0; i < 70; i++) {
      const id = app.db
        .prepare(
          `INSERT INTO customer (external_id, name, currency, created_at, updated_at)
           VALUES (?, ?, 'USD', '2026-09-01', '2026-09-01')`,
        )
        .run(`bulk-${i}`, `Bulk ${i}`).lastInsertRowid
      app.db
        .prepare(
          `INSERT INTO subscription (customer_id, plan_id, plan_version, start_date,
             billing_anchor_day, status) VALUES (?, ?, ?, '2026-10-01', 1, 'active')`,
        )
        .run(id, acme?.plan_id, acme?.plan_version)
      addEvents(app.db, `bulk-${i}`, [
        [`bulk-${i}`, 'api_calls', String(20_000 + i), '2026-10-05T00:00:00Z'],
      ])
    }
    await invoke(app.dispatch, 'billing:run', { period: '2026-10' })
    const invoices = app.db
      .prepare<[], { id: number; external_id: string; subtotal_minor: number }>(
        `SELECT i.id, c.external_id, i.subtotal_minor FROM invoice i
         JOIN customer c ON c.id = i.customer_id WHERE c.external_id LIKE 'bulk-%'`,
      )
      .all()
    expect(invoices).toHaveLength(70)
    for (const invoice of invoices) {
      const lines = linesOf(app.db, invoice.id)
      const usage = lines.find((l) => l.feature_code === 'api_calls')
      const i = Number(invoice.external_id.slice('bulk-'.length))
      // 10,000 included: the rest is charged.
      expect(usage?.quantity).toBe(String(10_000 + i))
      expect(lines.reduce((sum, l) => sum + l.amount_minor, 0)).toBe(invoice.subtotal_minor)
    }
    const positions = app.db
      .prepare<[], { invoice_id: number; positions: string }>(
        `SELECT invoice_id, group_concat(position, ',' ORDER BY position) AS positions
         FROM invoice_line GROUP BY invoice_id`,
      )
      .all()
    for (const { positions: p } of positions)
      expect(p).toBe(
        p
          .split(',')
          .map((_, k) => k + 1)
          .join(','),
      )
  })

  it('is repeatable: a re-run changes nothing, new usage updates the same draft', async () => {
    const app = await billingTestApp()
    addEvents(app.db, 'acme', october)
    await invoke(app.dispatch, 'billing:run', { period: '2026-10' })
    const first = invoicesOf(app.db)
    const again = await invoke(app.dispatch, 'billing:run', { period: '2026-10' })
    expect(again).toMatchObject({ created: 0, updated: 0, invoices: 1 })
    expect(again.items.find((i) => i.customerId === 'acme')?.outcome).toBe('unchanged')
    expect(invoicesOf(app.db)).toEqual(first)

    addEvents(app.db, 'acme', [['e4', 'api_calls', '1000', '2026-10-30T10:00:00Z']])
    const third = await invoke(app.dispatch, 'billing:run', { period: '2026-10' })
    expect(third).toMatchObject({ created: 0, updated: 1 })
    const after = invoicesOf(app.db)
    expect(after).toHaveLength(1)
    expect(after[0]?.id).toBe(first[0]?.id)
    // 1,000 more calls in the second tier: 1.50.
    expect(after[0]?.total_minor).toBe(27900 + 150)
  })

  it('previews without writing anything in a dry run', async () => {
    const app = await billingTestApp()
    addEvents(app.db, 'acme', october)
    const preview = await invoke(app.dispatch, 'billing:run', { period: '2026-10', dryRun: true })
    expect(preview).toMatchObject({ dryRun: true, invoices: 1, totals: { USD: 27900 } })
    expect(preview.items.find((i) => i.customerId === 'acme')).toMatchObject({
      outcome: 'created',
      totalMinor: 27900,
    })
    expect(invoicesOf(app.db)).toEqual([])
    expect(app.db.prepare('SELECT COUNT(*) FROM billing_run').pluck().get()).toBe(0)
  })

  it('previews an existing draft as unchanged, or as updated once its usage changed', async () => {
    const app = await billingTestApp()
    addEvents(app.db, 'acme', october)
    await invoke(app.dispatch, 'billing:run', { period: '2026-10' })
    const preview = () => invoke(app.dispatch, 'billing:run', { period: '2026-10', dryRun: true })
    const acme = (items: { customerId: string; outcome: string }[]) =>
      items.find((i) => i.customerId === 'acme')?.outcome
    expect(acme((await preview()).items)).toBe('unchanged')
    addEvents(app.db, 'acme', [['e4', 'api_calls', '1000', '2026-10-30T10:00:00Z']])
    expect(acme((await preview()).items)).toBe('updated')
  })

  it('records the run with its counts, and leaves finalized invoices alone', async () => {
    const app = await billingTestApp()
    addEvents(app.db, 'acme', october)
    const run = await invoke(app.dispatch, 'billing:run', { period: '2026-10' })
    const [invoice] = invoicesOf(app.db)
    finalizeBySql(app.db, invoice?.id ?? 0, 'MB-2026-000001')
    addEvents(app.db, 'acme', [['e5', 'api_calls', '5', '2026-10-30T10:00:00Z']])
    const rerun = await invoke(app.dispatch, 'billing:run', { period: '2026-10' })
    expect(rerun.items.find((i) => i.customerId === 'acme')).toMatchObject({
      outcome: 'skipped',
      reason: 'already finalized (MB-2026-000001)',
    })
    expect(invoicesOf(app.db)[0]?.total_minor).toBe(27900)
    const { runs, total } = await invoke(app.dispatch, 'billing:runs', {})
    expect(total).toBe(2)
    expect(runs.map((r) => r.id)).toContain(run.id)
    const stored = await invoke(app.dispatch, 'billing:run-get', { id: run.id })
    expect(stored).toMatchObject({
      status: 'completed',
      trigger: 'manual',
      created: 1,
      operator: 'tester',
    })
    expect(stored.items.map((i) => i.customerId).sort()).toEqual(['acme', 'globex'])
    const audit = app.db
      .prepare("SELECT action FROM audit_entry WHERE entity_type = 'billing_run' ORDER BY id")
      .pluck()
      .all()
    expect(audit).toEqual([
      'billing:run-start',
      'billing:run-finish',
      'billing:run-start',
      'billing:run-finish',
    ])
  })

  it('bills late usage of a finalized period as an adjustment on the next invoice', async () => {
    const app = await billingTestApp()
    addEvents(app.db, 'acme', october.slice(0, 2))
    await invoke(app.dispatch, 'billing:run', { period: '2026-10' })
    finalizeBySql(app.db, invoicesOf(app.db)[0]?.id ?? 0, 'MB-2026-000001')
    // 10,000 October calls arrive late: in tier 2 at 0.0015, 15.00 more.
    addEvents(app.db, 'acme', [['late1', 'api_calls', '10000', '2026-10-25T00:00:00Z']], true)
    app.clock.advance(20 * 86_400_000)
    await invoke(app.dispatch, 'billing:run', { period: '2026-11' })
    const november = invoicesOf(app.db).find((i) => i.period === '2026-11')
    const adjustment = linesOf(app.db, november?.id ?? 0).find((l) => l.kind === 'adjustment')
    expect(adjustment).toMatchObject({
      feature_code: 'api_calls',
      quantity: '10000',
      amount_minor: 1500,
    })
    // Once the November invoice with the adjustment is final, December bills no second one.
    finalizeBySql(app.db, november?.id ?? 0, 'MB-2026-000002')
    app.clock.advance(31 * 86_400_000)
    await invoke(app.dispatch, 'billing:run', { period: '2026-12' })
    const december = invoicesOf(app.db).find((i) => i.period === '2026-12')
    expect(linesOf(app.db, december?.id ?? 0).some((l) => l.kind === 'adjustment')).toBe(false)
  })

  it('refuses to start while another process holds the run lock, and takes over a dead one', async () => {
    const app = await billingTestApp()
    const now = app.clock.now()
    acquireLock(app.db, 'billing', `other-host#4242#run-elsewhere`, now)
    await expect(
      runBilling(app.db, { dryRun: false, trigger: 'cli', operator: 'tester', now: app.clock.now }),
    ).rejects.toThrow(/already in progress/)
    releaseLock(app.db, 'billing', 'other-host#4242#run-elsewhere')

    // A run whose process died: its row says running and its lock names a pid that is gone.
    app.db
      .prepare(
        `INSERT INTO billing_run (id, period, dry_run, status, trigger, operator, started_at)
         VALUES ('dead-run', '2026-10', 0, 'running', 'cli', 'tester', ?)`,
      )
      .run(now.toISOString())
    acquireLock(app.db, 'billing', `${(await import('node:os')).hostname()}#999999#dead-run`, now)
    const result = await runBilling(app.db, {
      period: '2026-10',
      dryRun: false,
      trigger: 'cli',
      operator: 'tester',
      now: app.clock.now,
    })
    expect(result.status).toBe('completed')
    expect(
      app.db.prepare("SELECT status FROM billing_run WHERE id = 'dead-run'").pluck().get(),
    ).toBe('interrupted')
    expect(app.db.prepare('SELECT COUNT(*) FROM ledger_lock').pluck().get()).toBe(0)
  })

  it('applies prepaid credit still valid at the run, not credit that has expired', async () => {
    const app = await billingTestApp()
    addEvents(app.db, 'acme', october)
    const grant = (amountMinor: number, expiresAt: string | null) =>
      appendCreditEntry(app.db, {
        customerId: 1,
        currency: 'USD',
        kind: 'grant',
        amountMinor,
        expiresAt,
        at: '2026-10-01T00:00:00.000Z',
        operator: 'tester',
      })
    // Expired on 10 November, before the run on the 15th, but not yet written off.
    grant(50_000, '2026-11-10T23:59:59.999Z')
    grant(3_000, null)
    await invoke(app.dispatch, 'billing:run', { period: '2026-10' })
    const [invoice] = app.db
      .prepare<[], { credit_minor: number; total_minor: number }>(
        'SELECT credit_minor, total_minor FROM invoice',
      )
      .all()
    expect(invoice).toEqual({ credit_minor: 3_000, total_minor: 27_900 - 3_000 })
  })
})
