import type pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { migrations } from '../../src-main/db/migrations'
import { connectPostgres } from '../../src-main/db/postgres/client'
import { migratePostgres } from '../../src-main/db/postgres/migrate'
import { describePg, freshDatabase } from './pg-support'

// The cases the SQLite tests pin (migration-money-bounds, catalog-plans, invoices-lifecycle,
// retries-success, invoices-documents), on the PostgreSQL schema, by plain SQL as any writer.
let client: pg.Client

const run = (sql: string, values: unknown[] = []) => client.query(sql, values)

const invoice = async (status: string, subtotal: number, start: string): Promise<number> => {
  const result = await run(
    `INSERT INTO invoice (subscription_id, customer_id, period, period_start, period_end, currency,
       status, number, subtotal_minor, discount_minor, credit_minor, tax_minor, total_minor,
       fingerprint, created_at, updated_at)
     VALUES (1, 1, '2026-10', $1, '2026-11-01', 'USD', $2, $3, $4, 0, 0, 0, $4, 'f', 'x', 'x')
     RETURNING id`,
    [start, status, status === 'draft' ? null : `N-${start}`, subtotal],
  )
  return (result.rows[0] as { id: number }).id
}

const line = (invoiceId: number, amount: number, position = 1) =>
  run(
    `INSERT INTO invoice_line (invoice_id, position, kind, description, quantity, amount_minor,
       period_start, period_end) VALUES ($1, $2, 'manual', 'x', '1', $3, 'a', 'b')`,
    [invoiceId, position, amount],
  )

const finalize = (id: number) =>
  run("UPDATE invoice SET status = 'finalized', number = $2 WHERE id = $1", [id, `F-${id}`])

describePg('the ledger guarantees on PostgreSQL', () => {
  beforeAll(async () => {
    client = await connectPostgres(await freshDatabase())
    await migratePostgres(client, migrations, () => new Date('2026-12-07T10:00:00Z'))
    await run(`
      INSERT INTO plan VALUES ('pro', 'Pro', 'x');
      INSERT INTO plan_version (plan_id, version, status, effective_from, currency,
        base_price_minor, terms_json, created_at)
        VALUES ('pro', 1, 'published', '2026-01-01', 'USD', 4900, '{}', 'x');
      INSERT INTO customer (external_id, name, currency, created_at, updated_at)
        VALUES ('acme', 'Acme', 'USD', 'x', 'x');
      INSERT INTO subscription (customer_id, plan_id, plan_version, start_date,
        billing_anchor_day, status) VALUES (1, 'pro', 1, '2026-01-01', 1, 'active');
      INSERT INTO audit_entry (at, operator, action, entity_type, entity_id)
        VALUES ('x', 'ops', 'customers:create', 'customer', '1');`)
  })
  afterAll(async () => {
    await client.end()
  })

  it('refuses to update or delete an audit entry', async () => {
    await expect(run("UPDATE audit_entry SET operator = 'someone else'")).rejects.toThrow(
      'the audit trail is append-only',
    )
    await expect(run('DELETE FROM audit_entry')).rejects.toThrow('the audit trail is append-only')
  })

  it('refuses to change or delete a published plan version', async () => {
    await expect(run('UPDATE plan_version SET base_price_minor = 1')).rejects.toThrow(
      'published plan versions are immutable',
    )
    await expect(run('DELETE FROM plan_version')).rejects.toThrow(
      'published plan versions cannot be deleted',
    )
  })

  it("keeps a finalized invoice's amounts and lines, and lets it be marked paid", async () => {
    const id = await invoice('draft', 1500, '2026-10-01')
    await line(id, 1000)
    await line(id, 500, 2)
    await finalize(id)
    await expect(
      run('UPDATE invoice SET subtotal_minor = 1400, total_minor = 1400 WHERE id = $1', [id]),
    ).rejects.toThrow('finalized invoices are immutable: issue a credit note')
    await expect(
      run('UPDATE invoice_line SET description = $2 WHERE invoice_id = $1', [id, 'y']),
    ).rejects.toThrow('finalized invoices are immutable')
    await expect(line(id, 1, 3)).rejects.toThrow('finalized invoices are immutable')
    await expect(run('DELETE FROM invoice WHERE id = $1', [id])).rejects.toThrow(
      'finalized invoices cannot be deleted',
    )
    await run("UPDATE invoice SET status = 'paid', paid_at = 'x' WHERE id = $1", [id])
    const stored = await run('SELECT status, total_minor FROM invoice WHERE id = $1', [id])
    expect(stored.rows[0]).toEqual({ status: 'paid', total_minor: 1500 })
  })

  it('finalizes a draft only when its subtotal is the sum of its lines', async () => {
    const id = await invoice('draft', 1500, '2026-09-01')
    await line(id, 1000)
    await line(id, 499, 2)
    await expect(finalize(id)).rejects.toThrow('totals are the sums of its lines and discounts')
  })

  it('refuses amounts past 10^13 minor units, and reads the bound itself back as a number', async () => {
    await expect(invoice('draft', 10_000_000_000_001, '2026-08-01')).rejects.toThrow(
      'an invoice amount is past the money bound',
    )
    const id = await invoice('draft', 10_000_000_000_000, '2026-07-01')
    await expect(line(id, -10_000_000_000_001)).rejects.toThrow(
      'an invoice line is past the money bound',
    )
    const stored = await run('SELECT subtotal_minor FROM invoice WHERE id = $1', [id])
    expect(stored.rows[0]).toEqual({ subtotal_minor: 10_000_000_000_000 })
    const credit = (kind: string, amount: number) =>
      run(
        `INSERT INTO credit_entry (customer_id, currency, kind, amount_minor, at, operator)
         VALUES (1, 'USD', $1, $2, 'x', 'ops')`,
        [kind, amount],
      )
    await credit('grant', 10_000_000_000_000)
    await expect(credit('restore', 1)).rejects.toThrow('a credit balance is past the money bound')
    await credit('consume', -1)
    await credit('grant', 1)
    await expect(run('DELETE FROM credit_entry')).rejects.toThrow(
      'the credit ledger is append-only',
    )
  })

  it('keeps payment attempts append-only', async () => {
    await run(`INSERT INTO payment_failure (operation, error_type, message, strategy, attempts,
      max_attempts, status, context_json, created_at, updated_at)
      VALUES ('invoice.collect', 'card_error', 'declined', 'exponential', 1, 4, 'open', '{}', 'x', 'x')`)
    await run(`INSERT INTO payment_attempt (failure_id, number, at, outcome, strategy, operator)
      VALUES (1, 1, 'x', 'failed', 'exponential', 'ops')`)
    await expect(run("UPDATE payment_attempt SET outcome = 'succeeded'")).rejects.toThrow(
      'payment attempts are append-only',
    )
    await expect(run('DELETE FROM payment_attempt')).rejects.toThrow(
      'payment attempts are append-only',
    )
  })

  it('keeps credit notes and issued snapshots as issued, and a draft without a snapshot', async () => {
    const id = await invoice('draft', 800, '2026-06-01')
    await line(id, 800)
    await expect(run("INSERT INTO invoice_snapshot VALUES ($1, '{}', 'x')", [id])).rejects.toThrow(
      'a draft has no snapshot: finalize it first',
    )
    await finalize(id)
    await run("INSERT INTO invoice_snapshot VALUES ($1, '{\"version\": 1}', 'x')", [id])
    await expect(run("UPDATE invoice_snapshot SET taken_at = 'y'")).rejects.toThrow(
      'issued documents are immutable',
    )
    const note = (settlement: string, method: string | null) =>
      run(
        `INSERT INTO credit_note (invoice_id, number, currency, reason, subtotal_minor, tax_minor,
           total_minor, settlement, refund_method, created_at, created_by)
         VALUES ($1, $2, 'USD', 'r', 300, 0, 300, $3, $4, 'x', 'ops')`,
        [id, `CN-${settlement}-${method}`, settlement, method],
      )
    await expect(note('refund', null)).rejects.toThrow('a refund names its method')
    await note('refund', 'outside')
    await expect(run('UPDATE credit_note SET reason = $1', ['other'])).rejects.toThrow(
      'credit notes are immutable',
    )
    await expect(run('DELETE FROM credit_note')).rejects.toThrow('credit notes cannot be deleted')
  })
})
