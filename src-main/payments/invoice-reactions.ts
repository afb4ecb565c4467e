import type Database from 'better-sqlite3'
import type { InvoiceEvent, InvoiceEventOptions } from '../invoices/invoice-events'
import { readSettingsNow } from '../settings/settings-service'
import { queueInvoice, queueRefund, queueSettle, queueVoid, queueWriteOff } from './outbox'

/**
 * What Stripe must do when an invoice changes here, queued in the outbox inside the same
 * transaction as the change (sent when online, idempotently). True when it took charge of a
 * credit note's refund.
 */
export const reactToInvoice = (
  db: Database.Database,
  event: InvoiceEvent,
  opts: InvoiceEventOptions,
): boolean => {
  switch (event.type) {
    case 'invoice.finalized':
      // With automatic collection on, a finalized invoice goes to Stripe.
      if (readSettingsNow(db).payments.autoCollect) queueInvoice(db, event.invoiceId, opts)
      return false
    case 'invoice.voided':
      queueVoid(db, event.invoiceId, opts)
      return false
    case 'invoice.written_off':
      queueWriteOff(db, event.invoiceId, opts)
      return false
    case 'invoice.paid':
      queueSettle(db, event.invoiceId, opts)
      return false
    case 'credit_note.issued':
      // Credit to the balance, or money paid back outside Meterbook: nothing goes to Stripe.
      if (event.settlement !== 'stripe_refund') return false
      queueRefund(
        db,
        {
          id: event.creditNoteId,
          invoiceId: event.invoiceId,
          amountMinor: event.totalMinor,
          currency: event.currency,
        },
        opts,
      )
      return true
  }
}
