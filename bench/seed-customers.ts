import type { App } from '../src-main/app'
import { invoke } from '../src-main/ipc/dispatcher'
import { catalog } from '../tests/integration/subscriptions-support'

const plans = ['starter', 'pro', 'annual', 'fortnight', 'euro'] as const

/**
 * A ledger of `customers` customers on five plans (four in USD, one in EUR), all active, each
 * with one invoice per month of 2026 up to `periods` (a base line and three usage lines of
 * varied amounts): paid, but for the last month's, still open.
 */
export const seedCustomerLedger = async (
  app: App,
  { customers, periods }: { customers: number; periods: number },
): Promise<void> => {
  await invoke(app.dispatch, 'catalog:import', { text: catalog })
  const rows = Array.from(
    { length: customers },
    (_, i) => `c${i},Customer ${i},c${i}@example.com,${plans[i % plans.length]},2026-01-01`,
  )
  await invoke(app.dispatch, 'customers:import', {
    text: ['external_id,name,email,plan,start_date', ...rows].join('\n'),
    fileName: 'customers.csv',
  })
  const db = app.ledger.db
  db.prepare("UPDATE subscription SET status = 'active'").run()
  const subscriptions = db
    .prepare<[], { subscriptionId: number; customerId: number; currency: string }>(
      `SELECT s.id AS subscriptionId, c.id AS customerId, c.currency
       FROM subscription s JOIN customer c ON c.id = s.customer_id`,
    )
    .all()
  const invoice = db.prepare(
    `INSERT INTO invoice (subscription_id, customer_id, period, period_start, period_end, currency,
       status, subtotal_minor, discount_minor, credit_minor, tax_minor, total_minor, fingerprint,
       created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, 0, 0, 0, ?, 'bench', ?, ?)`,
  )
  const line = db.prepare(
    `INSERT INTO invoice_line (invoice_id, position, kind, description, quantity, amount_minor,
       period_start, period_end) VALUES (?, ?, ?, 'bench', '1', ?, ?, ?)`,
  )
  db.transaction(() => {
    for (let p = 1; p <= periods; p++) {
      const period = `2026-${String(p).padStart(2, '0')}`
      const start = `${period}-01T00:00:00.000Z`
      for (const s of subscriptions) {
        const usage = [1, 2, 3].map((k) => ((s.customerId * 7919 + p * 104729 * k) % 50000) + 1)
        const total = 1900 + usage.reduce((sum, u) => sum + u, 0)
        const id = invoice.run(
          s.subscriptionId,
          s.customerId,
          period,
          start,
          start,
          s.currency,
          total,
          total,
          start,
          start,
        ).lastInsertRowid
        line.run(id, 0, 'base', 1900, start, start)
        usage.forEach((u, k) => line.run(id, k + 1, 'usage', u, start, start))
      }
    }
  })()
  // Everything billed; the last month's invoices still open, so balances differ.
  db.prepare(
    `UPDATE invoice SET status = CASE WHEN period = ? THEN 'finalized' ELSE 'paid' END,
       number = 'MB-' || id, due_date = '2026-12-31'`,
  ).run(`2026-${String(periods).padStart(2, '0')}`)
}
