import Big from 'big.js'
import type Database from 'better-sqlite3'
import type { FailureReport, FailureReportGroup } from '../../src-shared/domain/payments'
import { csvDecimal, csvDocument } from '../documents/csv-cell'

export const reportColumns = [
  'error_type',
  'count',
  'oldest',
  'average_attempts',
  'currency',
  'amount_at_risk_minor',
] as const

type GroupRow = { errorType: string; count: number; oldest: string; attempts: number }
type RiskRow = { errorType: string; currency: string; amountMinor: number }

/**
 * The failed-payments report: open failures grouped by Stripe's error type, most frequent first.
 * The average is exact (big.js), rounded half up to one decimal.
 */
export const failureReport = (db: Database.Database, now: Date): FailureReport => {
  const groups = db
    .prepare<[], GroupRow>(
      `SELECT error_type AS errorType, count(*) AS count, min(created_at) AS oldest,
         sum(attempts) AS attempts
       FROM payment_failure WHERE status = 'open'
       GROUP BY error_type ORDER BY count(*) DESC, error_type`,
    )
    .all()
  const risks = db
    .prepare<[], RiskRow>(
      `SELECT error_type AS errorType, currency, sum(amount_minor) AS amountMinor
       FROM payment_failure
       WHERE status = 'open' AND amount_minor IS NOT NULL AND currency IS NOT NULL
       GROUP BY error_type, currency ORDER BY error_type, currency`,
    )
    .all()
  return {
    generatedAt: now.toISOString(),
    groups: groups.map((g): FailureReportGroup => ({
      errorType: g.errorType,
      count: g.count,
      oldest: g.oldest,
      averageAttempts: new Big(g.attempts).div(g.count).round(1, Big.roundHalfUp).toFixed(1),
      atRisk: risks
        .filter((r) => r.errorType === g.errorType)
        .map((r) => ({ currency: r.currency, amountMinor: r.amountMinor })),
    })),
  }
}

/**
 * One row per error type and currency (a type with no amount, e.g. failed event syncs, gets one
 * row with the currency and amount empty). Amounts stay integer minor units.
 */
export const reportCsv = (report: FailureReport): { text: string; fileName: string } => {
  const data = report.groups.flatMap((g) => {
    const head = [g.errorType, g.count, g.oldest, csvDecimal(g.averageAttempts)]
    return g.atRisk.length === 0
      ? [[...head, '', '']]
      : g.atRisk.map((r) => [...head, r.currency, r.amountMinor])
  })
  const text = csvDocument(reportColumns, data)
  return { text, fileName: `failed-payments-${report.generatedAt.slice(0, 10)}.csv` }
}
