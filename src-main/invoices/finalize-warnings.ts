import type Database from 'better-sqlite3'
import type { FinalizeWarning } from '../../src-shared/domain/documents'
import type { Settings } from '../../src-shared/domain/settings'
import { readSettingsNow } from '../settings/settings-service'
import { invoiceLabel, invoiceRow, type InvoiceRow } from './invoice-store'

const missingSeller = (settings: Settings): string[] => [
  ...(settings.companyName === '' ? ['name'] : []),
  ...(settings.companyAddress === '' ? ['address'] : []),
]

const taxMessage = (row: InvoiceRow, settings: Settings): string => {
  const label = invoiceLabel(row)
  const customer = row.customer_external_id
  if (row.tax_region === '')
    return `Customer ${customer} has no tax region: invoice ${label} charges no tax.`
  const since = settings.taxRates.some((rate) => rate.region === row.tax_region)
    ? ` A rate for "${row.tax_region}" was set after the draft was made: regenerate it to charge tax.`
    : ''
  return `No tax rate is set for the tax region "${row.tax_region}" of customer ${customer}: invoice ${label} charges no tax.${since}`
}

/**
 * What would go out wrong if this draft were issued now, for a person to confirm: the seller
 * details it would print are empty, or it charges no tax because the customer's region has no
 * rate. Once issued, a document never changes, so these are said before, not printed on it.
 */
export const warningsFor = (row: InvoiceRow, settings: Settings): FinalizeWarning[] => {
  const base = {
    invoiceId: row.id,
    invoice: invoiceLabel(row),
    customerId: row.customer_external_id,
  }
  const warnings: FinalizeWarning[] = []
  const missing = missingSeller(settings)
  if (missing.length > 0)
    warnings.push({
      ...base,
      code: 'seller_details_missing',
      message: `Your company's ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} empty in Settings: issued invoices show the seller as it is when they are finalized, and never change afterwards.`,
    })
  if (row.tax_json === null && row.tax_exempt === 0)
    warnings.push({ ...base, code: 'tax_rate_missing', message: taxMessage(row, settings) })
  return warnings
}

/** The warnings of the drafts among `ids` (the others are no longer finalized by anyone). */
export const finalizeCheck = (db: Database.Database, ids: readonly number[]): FinalizeWarning[] => {
  const settings = readSettingsNow(db)
  return ids
    .map((id) => invoiceRow(db, id))
    .filter((row) => row.status === 'draft')
    .flatMap((row) => warningsFor(row, settings))
}
