import { z } from 'zod'
import type { DecimalString } from './pricing'

/**
 * Issued documents: what a finalized invoice or an issued credit note shows, frozen when it is
 * issued. Settings, customers and tax rates keep changing afterwards; a document already sent to
 * a customer must not, so its PDF is rendered from this snapshot and the ledger's immutable rows
 * (number, lines, totals), never from the live settings.
 */

/** The seller as printed in the document's heading (Settings at the time of issue). */
export type SellerDetails = { name: string; address: string; email: string; taxId: string }

/** The customer as billed (their record at the time of issue). */
export type BuyerDetails = {
  name: string
  externalId: string
  billingAddress: string
  taxRegion: string
}

export type TaxSnapshot = { region: string; name: string; ratePercent: DecimalString }

/** Everything on an issued document that does not live on the ledger's immutable rows. */
type DocumentBase = {
  version: 1
  seller: SellerDetails
  buyer: BuyerDetails
  /** The business time zone that dates on the document are printed in. */
  timeZone: string
  tax: TaxSnapshot | null
  taxExempt: boolean
  /** The footer printed on every page. */
  footer: string
}

export type InvoiceSnapshot = DocumentBase & {
  issuedAt: string
  /** YYYY-MM-DD, and the payment terms it was set from. */
  dueDate: string
  paymentTermsDays: number
  discounts: { description: string; amountMinor: number }[]
  /** The notes for the customer (why the invoice reads as it does); operator notes never. */
  notes: string[]
}

export type CreditNoteSnapshot = DocumentBase & { issuedAt: string }

export const finalizeWarningCodes = ['seller_details_missing', 'tax_rate_missing'] as const
export type FinalizeWarningCode = (typeof finalizeWarningCodes)[number]

/**
 * Something that would go out wrong on an issued document: it does not stop finalizing, but the
 * UI asks for confirmation and the CLI prints it.
 */
export type FinalizeWarning = {
  invoiceId: number
  /** The invoice's label at the time: `draft-12`. */
  invoice: string
  customerId: string
  code: FinalizeWarningCode
  message: string
}

export const FinalizeCheckInputSchema = z.strictObject({
  ids: z.array(z.int().min(1)).min(1, 'name at least one invoice').max(500),
})
export type FinalizeCheckInput = z.input<typeof FinalizeCheckInputSchema>
