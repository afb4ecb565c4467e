import type Database from 'better-sqlite3'
import type { CreditNoteSettlement } from '../../src-shared/domain/billing'

/**
 * What the invoices stage announces to the stages after it (payments), which never import each
 * other the wrong way round: invoices says what happened, payments decides what Stripe must do.
 * Reactions run synchronously inside the caller's transaction, so a void and the outbox entry
 * that voids Stripe's copy commit together or not at all, and a reaction that refuses (a Stripe
 * refund of an invoice Stripe never collected) rolls the whole change back.
 */
export type InvoiceEvent =
  | { type: 'invoice.finalized'; invoiceId: number }
  | { type: 'invoice.voided'; invoiceId: number }
  | { type: 'invoice.written_off'; invoiceId: number }
  /** Paid here: recorded by a person, or Stripe's own payment being recorded. */
  | { type: 'invoice.paid'; invoiceId: number }
  | {
      type: 'credit_note.issued'
      creditNoteId: number
      invoiceId: number
      settlement: CreditNoteSettlement
      totalMinor: number
      currency: string
    }

export type InvoiceEventOptions = { now: Date; operator: string }

/** Returns true when it took charge of the event's money movement (it will send a refund). */
export type InvoiceEventListener = (
  db: Database.Database,
  event: InvoiceEvent,
  opts: InvoiceEventOptions,
) => boolean

/** Per connection: each app wires its own stages to its own ledger, tests included. */
const listeners = new WeakMap<Database.Database, Set<InvoiceEventListener>>()

/** Subscribes a later stage to this ledger's invoice events; returns the unsubscribe. */
export const onInvoiceEvent = (db: Database.Database, listener: InvoiceEventListener) => {
  const set = listeners.get(db) ?? new Set<InvoiceEventListener>()
  listeners.set(db, set)
  set.add(listener)
  return (): void => {
    set.delete(listener)
  }
}

/** Tells the subscribed stages; true when one of them took charge of the money movement. */
export const announce = (
  db: Database.Database,
  event: InvoiceEvent,
  opts: InvoiceEventOptions,
): boolean => {
  let handled = false
  for (const listener of listeners.get(db) ?? []) handled = listener(db, event, opts) || handled
  return handled
}
