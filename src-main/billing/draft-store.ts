import { hash } from 'node:crypto'
import Big from 'big.js'
import type Database from 'better-sqlite3'
import type { InvoiceStatus, PeriodKey, RunItem } from '../../src-shared/domain/billing'
import type { BillingInput, BillingPeriod, ComputedInvoice, ComputedLine } from './compute/types'

export type ExistingInvoice = {
  id: number
  status: InvoiceStatus
  number: string | null
  fingerprint: string
}

type LineRow = {
  kind: ComputedLine['kind']
  feature_code: string | null
  description: string
  quantity: string
  unit: string | null
  unit_amount: string | null
  amount_minor: number
  breakdown_json: string
  period_start: string
  period_end: string
}

/**
 * A draft as its rows store it, in column order: the invoice's own values (`period` to
 * `notes_json`), one array per line (`kind` to `period_end`) and the discounts it applied. The
 * fingerprint digests them and the write binds them, so each is worked out once.
 */
export type DraftRows = {
  invoice: unknown[]
  lines: unknown[][]
  discounts: ComputedInvoice['discounts']
}

/** A draft as planned, with its fingerprint (`fingerprintOf` its rows). */
export type DraftToWrite = {
  sub: { id: number; customerId: number }
  rows: DraftRows
  fingerprint: string
  existing: ExistingInvoice | undefined
}

/** Who wrote the drafts and when. */
type Stamp = { runId: string | null; now: Date }

/** The invoice_line columns a draft's line writes, and the most lines one statement writes. */
const LINE_COLUMNS = 13
const LINE_GROUP = 64

/**
 * What the draft is, as a digest of exactly what it stores: a re-run that would store the same
 * writes nothing.
 */
export const fingerprintOf = (rows: DraftRows): string => hash('sha256', JSON.stringify(rows))

/** The usage a line accounts for (before included units): what late adjustments compare with. */
const usageQuantityOf = (input: BillingInput, line: ComputedLine): string | null => {
  if (line.kind === 'usage' && line.featureCode) return input.usage[line.featureCode] ?? '0'
  if (line.kind === 'adjustment' && line.featureCode) {
    const late = input.late.find(
      (l) =>
        l.feature.code === line.featureCode && l.period.start.toISOString() === line.periodStart,
    )
    return late ? new Big(late.totalQuantity).minus(late.billedQuantity).toString() : null
  }
  return null
}

export const draftRowsOf = (input: BillingInput, computed: ComputedInvoice): DraftRows => {
  const t = computed.totals
  return {
    invoice: [
      input.period.key,
      input.period.start.toISOString(),
      input.period.end.toISOString(),
      input.customer.currency,
      t.subtotalMinor,
      t.discountMinor,
      t.creditMinor,
      t.taxMinor,
      t.totalMinor,
      computed.tax ? JSON.stringify(computed.tax) : null,
      input.customer.taxExempt ? 1 : 0,
      JSON.stringify(computed.notes),
    ],
    lines: computed.lines.map((line) => [
      line.kind,
      line.featureCode,
      line.description,
      line.quantity,
      line.unit,
      line.unitAmount,
      line.amountMinor,
      JSON.stringify(line.breakdown),
      usageQuantityOf(input, line),
      line.periodStart,
      line.periodEnd,
    ]),
    discounts: computed.discounts,
  }
}

/**
 * Reads and writes draft invoices, keyed by (subscription, period start): the key that makes a
 * billing run repeatable. Statements are prepared once, for runs that write thousands.
 */
export class DraftStore {
  readonly #find
  readonly #byPeriod
  readonly #prefetched = new Set<PeriodKey>()
  readonly #known = new Map<string, ExistingInvoice>()
  readonly #manual
  readonly #insertInvoice
  readonly #updateInvoice
  readonly #deleteLines
  readonly #db: Database.Database
  /** One multi-row INSERT per row count: lines go in groups of up to LINE_GROUP per call. */
  readonly #insertLines = new Map<number, Database.Statement>()
  readonly #deleteDiscounts
  readonly #insertDiscount

  constructor(db: Database.Database) {
    this.#find = db.prepare<[number, string], ExistingInvoice>(
      `SELECT id, status, number, fingerprint FROM invoice
       WHERE subscription_id = ? AND period_start = ?`,
    )
    this.#byPeriod = db.prepare<
      [string, number, number],
      ExistingInvoice & { subscription_id: number; period_start: string }
    >(
      `SELECT id, status, number, fingerprint, subscription_id, period_start FROM invoice
       WHERE period = ? AND customer_id BETWEEN ? AND ?`,
    )
    this.#manual = db.prepare<[number], LineRow>(
      `SELECT kind, feature_code, description, quantity, unit, unit_amount, amount_minor,
         breakdown_json, period_start, period_end
       FROM invoice_line WHERE invoice_id = ? AND kind = 'manual' ORDER BY position`,
    )
    this.#insertInvoice = db.prepare(
      `INSERT INTO invoice (subscription_id, customer_id, period, period_start, period_end, currency,
         status, subtotal_minor, discount_minor, credit_minor, tax_minor, total_minor, tax_json,
         tax_exempt, notes_json, fingerprint, run_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    // The insert's values from period_end on, then the id.
    this.#updateInvoice = db.prepare(
      `UPDATE invoice SET period_end = ?, currency = ?, subtotal_minor = ?, discount_minor = ?,
         credit_minor = ?, tax_minor = ?, total_minor = ?, tax_json = ?, tax_exempt = ?,
         notes_json = ?, fingerprint = ?, run_id = ?, updated_at = ?
       WHERE id = ? AND status = 'draft'`,
    )
    this.#deleteLines = db.prepare('DELETE FROM invoice_line WHERE invoice_id = ?')
    this.#db = db
    this.#deleteDiscounts = db.prepare('DELETE FROM invoice_discount WHERE invoice_id = ?')
    this.#insertDiscount = db.prepare(
      `INSERT INTO invoice_discount (invoice_id, discount_id, description, amount_minor)
       VALUES (?, ?, ?, ?)`,
    )
  }

  #linesStatement(count: number): Database.Statement {
    let statement = this.#insertLines.get(count)
    if (!statement) {
      const row = `(${Array(LINE_COLUMNS).fill('?').join(', ')})`
      statement = this.#db.prepare(
        `INSERT INTO invoice_line (invoice_id, position, kind, feature_code, description, quantity,
           unit, unit_amount, amount_minor, breakdown_json, usage_quantity, period_start, period_end)
         VALUES ${Array(count).fill(row).join(', ')}`,
      )
      this.#insertLines.set(count, statement)
    }
    return statement
  }

  /** Lines' values, LINE_COLUMNS per line, many lines per statement call. */
  #insertLineValues(values: unknown[]): void {
    const lines = values.length / LINE_COLUMNS
    for (let from = 0; from < lines; from += LINE_GROUP) {
      const count = Math.min(LINE_GROUP, lines - from)
      this.#linesStatement(count).run(
        values.slice(from * LINE_COLUMNS, (from + count) * LINE_COLUMNS),
      )
    }
  }

  /**
   * Reads the invoices of periods that many subscriptions share (a run's month) in one query,
   * for `find` to answer from: a lookup per subscription cost a run more than the query. For a
   * range of customers, only theirs, in place of what was read before.
   */
  prefetch(periods: PeriodKey[], customers?: { first: number; last: number }): void {
    // A run's slice of customers (customerRanges in subscriptions.ts) replaces the one before.
    if (customers) {
      this.#prefetched.clear()
      this.#known.clear()
    }
    const { first, last } = customers ?? { first: 0, last: Number.MAX_SAFE_INTEGER }
    const keys = [...new Set(periods)].filter((key) => !this.#prefetched.has(key))
    for (const key of keys) {
      this.#prefetched.add(key)
      for (const row of this.#byPeriod.all(key, first, last))
        this.#known.set(`${row.subscription_id}|${row.period_start}`, row)
    }
  }

  find(subscriptionId: number, period: BillingPeriod): ExistingInvoice | undefined {
    const start = period.start.toISOString()
    if (this.#prefetched.has(period.key)) return this.#known.get(`${subscriptionId}|${start}`)
    return this.#find.get(subscriptionId, start)
  }

  /** The lines a person added to a draft: a recomputation keeps them. */
  manualLines(invoiceId: number): ComputedLine[] {
    return this.#manual.all(invoiceId).map((r) => ({
      kind: r.kind,
      featureCode: r.feature_code,
      description: r.description,
      quantity: r.quantity,
      unit: r.unit,
      unitAmount: r.unit_amount,
      amountMinor: r.amount_minor,
      breakdown: JSON.parse(r.breakdown_json) as ComputedLine['breakdown'],
      periodStart: r.period_start,
      periodEnd: r.period_end,
    }))
  }

  /**
   * Creates each draft, or rewrites it when what it was computed from changed. The drafts' lines
   * go in last, many per statement call: cheaper than a call per invoice for a run's batch.
   */
  write(
    drafts: DraftToWrite[],
    stamp: Stamp,
  ): { outcome: RunItem['outcome']; invoiceId: number }[] {
    const lineValues: unknown[] = []
    const now = stamp.now.toISOString()
    const written = drafts.map((draft) => this.#writeOne(draft, stamp.runId, now, lineValues))
    this.#insertLineValues(lineValues)
    return written
  }

  #writeOne(
    args: DraftToWrite,
    runId: string | null,
    now: string,
    lineValues: unknown[],
  ): { outcome: RunItem['outcome']; invoiceId: number } {
    const { sub, rows, fingerprint, existing } = args
    if (existing && existing.fingerprint === fingerprint)
      return { outcome: 'unchanged', invoiceId: existing.id }
    // In the insert's column order: positional values bind faster than named ones.
    const values = [sub.id, sub.customerId, ...rows.invoice, fingerprint, runId, now]
    let invoiceId: number
    if (existing) {
      invoiceId = existing.id
      // From period_end on: a draft keeps its subscription and period.
      this.#updateInvoice.run(values.slice(4), invoiceId)
      this.#deleteLines.run(invoiceId)
      this.#deleteDiscounts.run(invoiceId)
    } else {
      invoiceId = Number(this.#insertInvoice.run(values, now).lastInsertRowid)
    }
    rows.lines.forEach((line, i) => lineValues.push(invoiceId, i + 1, ...line))
    for (const d of rows.discounts)
      this.#insertDiscount.run(invoiceId, d.discountId, d.description, d.amountMinor)
    return { outcome: existing ? 'updated' : 'created', invoiceId }
  }
}
