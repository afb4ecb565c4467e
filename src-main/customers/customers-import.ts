import type Database from 'better-sqlite3'
import Papa from 'papaparse'
import type { Plan } from '../../src-shared/domain/catalog'
import type { Customer, CustomerImportResult } from '../../src-shared/domain/customers'
import { CustomerInputSchema } from '../../src-shared/domain/customers'
import { auditAppender } from '../audit/audit-service'
import { withFewerCheckpoints } from '../db/bulk-checkpoints'
import { AppError } from '../errors'
import { issueFields } from '../ipc/validation'
import {
  chooseVersion,
  decideCustomer,
  initialStatus,
  type CustomerChange,
} from './customer-editing'
import {
  applyOverridePatch,
  CellError,
  flags,
  overridePatch,
  readColumns,
  type Columns,
} from './import-columns'
import { importStore, type ImportStore } from './import-store'
import { dayOf } from '../calendar/business-days'
import { readSettingsNow } from '../settings/settings-service'

/** Which CSV column an input field came from, so a rejection names the column the user wrote. */
const columnOf: Record<string, string> = {
  externalId: 'external_id',
  name: 'name',
  email: 'email',
  billingEmail: 'billing_email',
  currency: 'currency',
  billingAddress: 'billing_address',
  taxRegion: 'tax_region',
  taxExempt: 'tax_exempt',
  notes: 'notes',
  'subscription.planId': 'plan',
  'subscription.planVersion': 'plan',
  'subscription.startDate': 'start_date',
  'subscription.billingAnchorDay': 'billing_anchor_day',
  'subscription.trialEnd': 'trial_end',
}

export type CustomersImportDeps = {
  db: Database.Database
  /** Every plan with its versions, read once before the rows. */
  plans: ReadonlyMap<string, Plan>
  now: Date
  operator: string
  /** Rows per transaction. */
  batchRows?: number
}

const BATCH_ROWS = 1000

type Row = { rowNumber: number; cells: Record<string, string> }

/**
 * One row as a save's input: a cell left empty, or a column left out, leaves the customer's
 * value as it is (the save keeps what the input omits). Plan and start date are required of a
 * new customer only. A bad cell is a CellError naming its column.
 */
const rowInput = (cells: Record<string, string>, columns: Columns, before: Customer | null) => {
  const cell = (column: string): string | undefined => {
    const text = (cells[column] ?? '').trim()
    return text === '' ? undefined : text
  }
  const exemptText = cell('tax_exempt')
  const exempt = exemptText === undefined ? undefined : flags.get(exemptText.toLowerCase())
  if (exemptText !== undefined && exempt === undefined)
    throw new CellError('tax_exempt', 'must be true or false (or yes/no, 1/0)')
  const anchor = cell('billing_anchor_day')
  if (anchor !== undefined && !/^\d+$/.test(anchor))
    throw new CellError('billing_anchor_day', 'must be a day of the month, 1 to 31')
  const trialEnd = cell('trial_end')
  const patch = overridePatch(cells, columns.overrides)
  const current = before?.subscription
  const planId = cell('plan') ?? current?.planId ?? ''
  const optional = {
    email: cell('email'),
    billingEmail: cell('billing_email'),
    currency: cell('currency')?.toUpperCase(),
    billingAddress: cell('billing_address'),
    taxRegion: cell('tax_region'),
    taxExempt: exempt,
    notes: cell('notes'),
    overrides: patch.size > 0 ? applyOverridePatch(before?.overrides ?? [], patch) : undefined,
  }
  return {
    externalId: cell('external_id') ?? '',
    name: cell('name') ?? before?.name ?? '',
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
    subscription: {
      planId,
      startDate: cell('start_date') ?? current?.startDate ?? '',
      ...(anchor === undefined ? {} : { billingAnchorDay: Number(anchor) }),
      // "none" ends a trial on purpose; an empty cell keeps the one the customer has.
      ...(trialEnd === undefined
        ? {}
        : { trialEnd: trialEnd.toLowerCase() === 'none' ? null : trialEnd }),
    },
  }
}

const sameAsBefore = (before: Customer, change: CustomerChange): boolean => {
  const f = change.fields
  const s = change.subscription
  const b = before.subscription
  return (
    f.name === before.name &&
    f.email === before.email &&
    f.billingEmail === before.billingEmail &&
    f.currency === before.currency &&
    f.billingAddress === before.billingAddress &&
    f.taxRegion === before.taxRegion &&
    f.taxExempt === (before.taxExempt ? 1 : 0) &&
    f.notes === before.notes &&
    f.overridesJson === JSON.stringify(before.overrides) &&
    (s === null ||
      (b !== null &&
        s.planId === b.planId &&
        s.planVersion === b.planVersion &&
        s.startDate === b.startDate &&
        s.billingAnchorDay === b.billingAnchorDay &&
        s.trialEnd === b.trialEnd))
  )
}

/**
 * Why a row is rejected, by the column the user wrote: a cell that cannot be read, or a save its
 * rules refuse. Null for anything else (a failing ledger), which ends the import.
 */
const refusal = (
  error: unknown,
  columns: Columns,
  overrides: Customer['overrides'],
): { column: string | null; reason: string } | null => {
  if (error instanceof CellError) return { column: error.column || null, reason: error.message }
  if (!(error instanceof AppError) || error.code !== 'validation_failed') return null
  const [path, reason] = Object.entries(error.fields ?? {})[0] ?? ['', error.message]
  const index = /^overrides\[(\d+)\]/.exec(path)?.[1]
  if (index === undefined) return { column: columnOf[path] ?? null, reason }
  const code = overrides[Number(index)]?.code
  return { column: columns.overrides.find((c) => c.code === code)?.column ?? null, reason }
}

/**
 * Imports customers from CSV: each valid row creates or updates (by external id) a customer and
 * their subscription; each invalid row is kept with its row number, column, value and reason.
 * Rows are read as a stream and written in batches, each batch one transaction on the raw
 * connection with one audit entry per customer created or changed (a row that changes nothing
 * writes nothing), so a large file neither holds the write lock nor the memory for long.
 * Returns the result and the id of the import's summary audit entry.
 */
export const importCustomers = (
  deps: CustomersImportDeps,
  input: { text: string; fileName?: string },
): { result: CustomerImportResult; auditId: number } => {
  const { db, plans, now, operator } = deps
  const text = input.text.replace(/^\uFEFF/, '')
  const first = Papa.parse<string[]>(text, { preview: 1 })
  const columns = readColumns((first.data[0] ?? []).map((h) => h.trim().toLowerCase()))
  const delimiter = first.meta.delimiter
  const result: CustomerImportResult = {
    read: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    rejects: [],
  }
  const store: ImportStore = importStore(db)
  const appendAudit = auditAppender(db)
  const at = now.toISOString()
  const today = at.slice(0, 10)
  // Whether a new subscription starts in its trial is a question of the business day.
  const localToday = dayOf(now, readSettingsNow(db).businessTimeZone)

  const importRow = (row: Row, known: Map<string, Customer>): void => {
    const externalId = (row.cells['external_id'] ?? '').trim()
    const before = known.get(externalId) ?? null
    let change: CustomerChange
    let overrides: Customer['overrides'] = before?.overrides ?? []
    try {
      const candidate = CustomerInputSchema.safeParse(rowInput(row.cells, columns, before))
      if (!candidate.success) {
        const [path, reason] = Object.entries(issueFields(candidate.error))[0] ?? ['', 'is invalid']
        throw new CellError(columnOf[path] ?? '', reason)
      }
      overrides = candidate.data.overrides ?? overrides
      const sub = candidate.data.subscription
      const version = sub
        ? chooseVersion(plans.get(sub.planId), sub, before?.subscription ?? null, today)
        : null
      change = decideCustomer(candidate.data, before, version)
    } catch (error) {
      const refused = refusal(error, columns, overrides)
      if (!refused) throw error
      result.rejected++
      result.rejects.push({
        rowNumber: row.rowNumber,
        column: refused.column,
        value: refused.column ? (row.cells[refused.column] ?? '') : null,
        reason: refused.reason,
        raw: Papa.unparse([columns.headers.map((h) => row.cells[h] ?? '')], { header: false }),
      })
      return
    }
    if (before && sameAsBefore(before, change)) {
      result.unchanged++
      return
    }
    const status = initialStatus(change.subscription?.trialEnd ?? null, localToday)
    const ids = store.write(externalId, change, before, at, status)
    const after: Customer = {
      id: ids.customerId,
      externalId,
      ...change.fields,
      taxExempt: change.fields.taxExempt === 1,
      overrides: change.overrides,
      createdAt: before?.createdAt ?? at,
      updatedAt: at,
      subscription:
        change.subscription && ids.subscriptionId !== null
          ? {
              ...change.subscription,
              id: ids.subscriptionId,
              status: before?.subscription?.status ?? status,
              billedThrough: before?.subscription?.billedThrough ?? null,
            }
          : (before?.subscription ?? null),
    }
    appendAudit({
      at,
      operator,
      action: 'customers:import',
      entityType: 'customer',
      entityId: externalId,
      before,
      after,
    })
    // A later row of the same file for this customer starts from what this one wrote.
    known.set(externalId, after)
    if (before) result.updated++
    else result.created++
  }

  const writeBatch = (rows: Row[]): void => {
    db.transaction(() => {
      const known = store.read([...new Set(rows.map((r) => (r.cells['external_id'] ?? '').trim()))])
      for (const row of rows) importRow(row, known)
    }).immediate()
  }

  const writeAll = (): void => {
    let batch: Row[] = []
    Papa.parse<Record<string, string>>(text, {
      header: true,
      delimiter,
      skipEmptyLines: 'greedy',
      transformHeader: (h) => h.trim().toLowerCase(),
      step: (parsed) => {
        result.read++
        batch.push({ rowNumber: result.read, cells: parsed.data })
        if (batch.length >= (deps.batchRows ?? BATCH_ROWS)) {
          writeBatch(batch)
          batch = []
        }
      },
    })
    if (batch.length > 0) writeBatch(batch)
  }

  withFewerCheckpoints(db, writeAll)
  const { read, created, updated, unchanged, rejected } = result
  const auditId = appendAudit({
    at,
    operator,
    action: 'customers:import',
    entityType: 'customer-import',
    entityId: input.fileName ?? 'customers.csv',
    before: null,
    after: { read, created, updated, unchanged, rejected },
  })
  return { result, auditId }
}
