import type Database from 'better-sqlite3'
import type {
  BillingRun,
  BillingRunResult,
  BillingRunTrigger,
  RunItem,
} from '../../src-shared/domain/billing'
import { AppError } from '../errors'

type RunRow = {
  id: string
  period: string | null
  dry_run: number
  status: BillingRun['status']
  trigger: BillingRunTrigger
  operator: string
  started_at: string
  finished_at: string | null
  duration_ms: number | null
  subscriptions: number
  invoices: number
  created: number
  updated: number
  skipped: number
  failed: number
  totals_json: string
  error: string | null
}

const toRun = (r: RunRow): BillingRun => ({
  id: r.id,
  period: r.period,
  dryRun: r.dry_run === 1,
  status: r.status,
  trigger: r.trigger,
  operator: r.operator,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  durationMs: r.duration_ms,
  subscriptions: r.subscriptions,
  invoices: r.invoices,
  created: r.created,
  updated: r.updated,
  skipped: r.skipped,
  failed: r.failed,
  totals: JSON.parse(r.totals_json) as Record<string, number>,
  error: r.error,
})

export const insertRun = (db: Database.Database, run: BillingRun): void => {
  db.prepare(
    `INSERT INTO billing_run (id, period, dry_run, status, trigger, operator, started_at)
     VALUES (?, ?, ?, 'running', ?, ?, ?)`,
  ).run(run.id, run.period, run.dryRun ? 1 : 0, run.trigger, run.operator, run.startedAt)
}

/** Writes a run's counts and status: at the end, or when it failed. */
export const saveRun = (db: Database.Database, run: BillingRun): void => {
  db.prepare(
    `UPDATE billing_run SET status = @status, finished_at = @finishedAt, duration_ms = @durationMs,
       subscriptions = @subscriptions, invoices = @invoices, created = @created,
       updated = @updated, skipped = @skipped, failed = @failed, totals_json = @totals,
       error = @error
     WHERE id = @id`,
  ).run({ ...run, totals: JSON.stringify(run.totals) })
}

/** A run whose process died (its lock was taken over, or found dead at start). */
export const markInterrupted = (db: Database.Database, runId: string, at: Date): void => {
  db.prepare(
    `UPDATE billing_run SET status = 'interrupted', finished_at = ?,
       error = 'The process running it stopped before it finished; a later run completed the work.'
     WHERE id = ? AND status = 'running'`,
  ).run(at.toISOString(), runId)
}

export const insertItems = (db: Database.Database, runId: string, items: RunItem[]): void => {
  const insert = db.prepare(
    `INSERT OR REPLACE INTO billing_run_item (run_id, subscription_id, period, period_start,
       period_end, outcome, reason, currency, total_minor, invoice_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  for (const i of items)
    insert.run(
      runId,
      i.subscriptionId,
      i.period,
      i.periodStart,
      i.periodEnd,
      i.outcome,
      i.reason,
      i.currency,
      i.totalMinor,
      i.invoiceId,
    )
}

export const listRuns = (
  db: Database.Database,
  page: { limit: number; offset: number },
): { runs: BillingRun[]; total: number } => ({
  runs: db
    .prepare<[number, number], RunRow>(
      'SELECT * FROM billing_run ORDER BY started_at DESC, rowid DESC LIMIT ? OFFSET ?',
    )
    .all(page.limit, page.offset)
    .map(toRun),
  total: db.prepare<[], number>('SELECT COUNT(*) FROM billing_run').pluck().get() ?? 0,
})

/** A stored run with its first 1,000 items, failures and newest invoices first. */
export const getRun = (db: Database.Database, id: string): BillingRunResult => {
  const row = db.prepare<[string], RunRow>('SELECT * FROM billing_run WHERE id = ?').get(id)
  if (!row) throw new AppError('not_found', `There is no billing run "${id}".`)
  const items = db
    .prepare<
      [string],
      Omit<RunItem, 'customerId' | 'customerName'> & { customerId: string; customerName: string }
    >(
      `SELECT c.external_id AS customerId, c.name AS customerName,
         i.subscription_id AS subscriptionId, i.period, i.period_start AS periodStart,
         i.period_end AS periodEnd, i.outcome, i.reason, i.currency, i.total_minor AS totalMinor,
         i.invoice_id AS invoiceId
       FROM billing_run_item i JOIN subscription s ON s.id = i.subscription_id
       JOIN customer c ON c.id = s.customer_id
       WHERE i.run_id = ?
       ORDER BY i.outcome = 'failed' DESC, i.outcome = 'skipped', c.external_id, i.period_start
       LIMIT 1000`,
    )
    .all(id)
  return { ...toRun(row), items }
}
