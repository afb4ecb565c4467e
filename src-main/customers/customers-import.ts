import Papa from 'papaparse'
import type { EntityManager } from 'typeorm'
import type { CustomerImportResult, RejectedRow } from '../../src-shared/domain/customers'
import { CustomerInputSchema } from '../../src-shared/domain/customers'
import { AppError } from '../errors'
import type { AuditInput } from '../ipc/handlers-types'
import { issueFields } from '../ipc/validation'
import { saveCustomer } from './customer-editing'

const REQUIRED = ['external_id', 'name', 'email', 'plan', 'start_date'] as const
const OPTIONAL = [
  'currency',
  'billing_anchor_day',
  'trial_end',
  'tax_region',
  'tax_exempt',
] as const

/** Which CSV column an input field came from, so a rejection names the column the user wrote. */
const columnOf: Record<string, string> = {
  externalId: 'external_id',
  name: 'name',
  email: 'email',
  currency: 'currency',
  taxRegion: 'tax_region',
  taxExempt: 'tax_exempt',
  'subscription.planId': 'plan',
  'subscription.planVersion': 'plan',
  'subscription.startDate': 'start_date',
  'subscription.billingAnchorDay': 'billing_anchor_day',
  'subscription.trialEnd': 'trial_end',
}

const truthy = new Map([
  ['true', true],
  ['yes', true],
  ['1', true],
  ['false', false],
  ['no', false],
  ['0', false],
  ['', false],
])

const value = (row: Record<string, string>, column: string): string => (row[column] ?? '').trim()

/**
 * `trial_end`: a date sets it; `none` says "no trial", even where the plan has one; an empty cell
 * leaves it out (a new subscription takes its plan's trial, an existing one keeps its own).
 */
const trialEndCell = (cell: string): { trialEnd?: string | null } => {
  if (cell.toLowerCase() === 'none') return { trialEnd: null }
  return cell ? { trialEnd: cell } : {}
}

const rowInput = (row: Record<string, string>) => {
  const anchor = value(row, 'billing_anchor_day')
  const exempt = truthy.get(value(row, 'tax_exempt').toLowerCase())
  return {
    externalId: value(row, 'external_id'),
    name: value(row, 'name'),
    email: value(row, 'email'),
    ...(value(row, 'currency') ? { currency: value(row, 'currency').toUpperCase() } : {}),
    ...(value(row, 'tax_region') ? { taxRegion: value(row, 'tax_region') } : {}),
    ...(exempt === undefined ? {} : { taxExempt: exempt }),
    subscription: {
      planId: value(row, 'plan'),
      startDate: value(row, 'start_date'),
      ...(anchor ? { billingAnchorDay: Number(anchor) } : {}),
      ...trialEndCell(value(row, 'trial_end')),
    },
  }
}

/**
 * Imports customers from CSV: each valid row creates or updates (by external id) a customer and
 * their subscription; each invalid row is kept with its row number, column, value and reason.
 */
export const importCustomers = async (
  db: EntityManager,
  input: { text: string; fileName?: string },
  ctx: { now: Date; audit: (entry: AuditInput) => Promise<void> },
): Promise<CustomerImportResult> => {
  const parsed = Papa.parse<Record<string, string>>(input.text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  })
  const headers = parsed.meta.fields ?? []
  const missing = REQUIRED.filter((c) => !headers.includes(c))
  if (missing.length > 0) {
    throw new AppError(
      'validation_failed',
      `The file lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (expected ${REQUIRED.join(',')}, optionally ${OPTIONAL.join(',')}).`,
      Object.fromEntries(missing.map((c) => [c, 'is a required column'])),
    )
  }
  const result: CustomerImportResult = { read: 0, created: 0, updated: 0, rejected: 0, rejects: [] }
  const lines = parsed.data
  for (const [index, row] of lines.entries()) {
    result.read++
    const rowNumber = index + 1
    const raw = Papa.unparse([headers.map((h) => row[h] ?? '')], { header: false })
    const reject = (column: string | null, reason: string): void => {
      const rejected: RejectedRow = {
        rowNumber,
        column,
        value: column ? (row[column] ?? '') : null,
        reason,
        raw,
      }
      result.rejects.push(rejected)
      result.rejected++
    }
    const exempt = (row['tax_exempt'] ?? '').trim().toLowerCase()
    if (!truthy.has(exempt)) {
      reject('tax_exempt', 'must be true or false (or yes/no, 1/0)')
      continue
    }
    const anchor = (row['billing_anchor_day'] ?? '').trim()
    if (anchor && !/^\d+$/.test(anchor)) {
      reject('billing_anchor_day', 'must be a day of the month, 1 to 31')
      continue
    }
    // Flags and numbers are checked as text first, so the rejection names the column.
    if (!truthy.has(value(row, 'tax_exempt').toLowerCase())) {
      reject('tax_exempt', 'must be true or false (or yes/no, 1/0)')
      continue
    }
    if (!/^\d*$/.test(value(row, 'billing_anchor_day'))) {
      reject('billing_anchor_day', 'must be a day of the month, 1 to 31')
      continue
    }
    const candidate = CustomerInputSchema.safeParse(rowInput(row))
    if (!candidate.success) {
      const [path, reason] = Object.entries(issueFields(candidate.error))[0] ?? ['', 'is invalid']
      reject(columnOf[path] ?? null, reason)
      continue
    }
    try {
      const { before, after } = await saveCustomer(db, candidate.data, ctx.now)
      await ctx.audit({ entityType: 'customer', entityId: after.externalId, before, after })
      if (before) result.updated++
      else result.created++
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error
      const [path, reason] = Object.entries(error.fields ?? {})[0] ?? ['', error.message]
      reject(columnOf[path] ?? null, reason)
    }
  }
  await ctx.audit({
    entityType: 'customer-import',
    entityId: input.fileName ?? 'customers.csv',
    before: null,
    after: {
      read: result.read,
      created: result.created,
      updated: result.updated,
      rejected: result.rejected,
    },
  })
  return result
}
