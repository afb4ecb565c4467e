import type Database from 'better-sqlite3'
import type { InvoicePayment, PaymentsStatus } from '../../src-shared/domain/payments'
import type { Ledger } from '../db/ledger'
import { AppError } from '../errors'
import type { HandlersFor, MutationCtx } from '../ipc/handlers-types'
import type { Platform } from '../platform/platform'
import { keyHint, liftKeyPause, pauseFor } from './key-pause'
import { queueInvoice } from './outbox'
import { listOutbox, outboxCounts } from './outbox-list'
import { listPayments } from './payment-list'
import { ProviderError } from './provider'
import type { Payments } from './service'

const statusOf = (
  db: Database.Database,
  platform: Platform,
  payments: Payments,
): PaymentsStatus => {
  const key = platform.readSecret('stripe-key')
  const sync = db
    .prepare<[], { last_sync_at: string | null; last_error: string | null }>(
      'SELECT last_sync_at, last_error FROM payment_sync WHERE id = 1',
    )
    .get()
  return {
    configured: key !== undefined,
    keySource: platform.secretSource('stripe-key'),
    keyHint: key ? keyHint(key) : null,
    canStoreKey: platform.canStoreSecrets,
    apiBase: payments.apiBase ?? null,
    lastSyncAt: sync?.last_sync_at ?? null,
    lastSyncError: sync?.last_error ?? null,
    outbox: outboxCounts(db),
    keyPause: pauseFor(db, key),
  }
}

/** Finalized invoices of a period (or the given ones) that Stripe should collect. */
const invoicesToPush = (
  db: Database.Database,
  input: { period?: string | undefined; invoiceIds?: number[] | undefined },
): number[] => {
  if (input.invoiceIds) {
    for (const id of input.invoiceIds) {
      const status = db
        .prepare<[number], string>('SELECT status FROM invoice WHERE id = ?')
        .pluck()
        .get(id)
      if (status === undefined) throw new AppError('not_found', `There is no invoice ${id}.`)
      if (status !== 'finalized')
        throw new AppError(
          'conflict',
          `Invoice ${id} is ${status}: only finalized invoices can be pushed to Stripe.`,
        )
    }
    return input.invoiceIds
  }
  return db
    .prepare<[string], number>(
      `SELECT id FROM invoice WHERE period = ? AND status = 'finalized' ORDER BY id`,
    )
    .pluck()
    .all(input.period ?? '')
}

/** Stripe: the key, the connection test, pushing invoices, the outbox and event sync. */
export const paymentsHandlers = (
  ledger: Ledger,
  platform: Platform,
  payments: Payments,
): HandlersFor<'payments'> => {
  const { db } = ledger

  /** Stores or forgets the key; the audit names it by its hint only. */
  const changeKey = async (key: string | null, ctx: MutationCtx): Promise<PaymentsStatus> => {
    const before = statusOf(db, platform, payments)
    platform.writeSecret('stripe-key', key)
    // A new key deserves a try: the next pass sends again (a refused one pauses it again).
    liftKeyPause(db)
    const after = statusOf(db, platform, payments)
    await ctx.audit({
      entityType: 'settings',
      entityId: 'stripe-key',
      before: { keyHint: before.keyHint, keySource: before.keySource },
      after: { keyHint: after.keyHint, keySource: after.keySource },
    })
    return after
  }

  return {
    'payments:status': () => Promise.resolve(statusOf(db, platform, payments)),
    'payments:set-key': ({ key }, ctx) => changeKey(key, ctx),
    'payments:clear-key': (_input, ctx) => changeKey(null, ctx),
    'payments:test-connection': async ({ key }) => {
      const provider = await payments.provider(key)
      if (!provider) return { ok: false, message: 'No Stripe key is configured.', livemode: null }
      try {
        const { livemode } = await provider.ping()
        return {
          ok: true,
          message: `Connected to Stripe in ${livemode ? 'live' : 'test'} mode.`,
          livemode,
        }
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error
        return { ok: false, message: `Stripe refused: ${error.message}`, livemode: null }
      }
    },
    'payments:push': async (input, ctx) => {
      const ids = invoicesToPush(db, input)
      const opts = { now: ctx.now(), operator: ctx.operator }
      const queued = ids.filter((id) => queueInvoice(db, id, opts))
      await ctx.audit({
        entityType: 'payments',
        entityId: input.period ?? `${ids.length} invoices`,
        before: null,
        after: {
          queued: queued.length,
          alreadyQueued: ids.length - queued.length,
          invoiceIds: queued,
        },
      })
      return { queued: queued.length, alreadyQueued: ids.length - queued.length }
    },
    'payments:sync': (_input, ctx) => payments.sync({ operator: ctx.operator }),
    'payments:outbox': (query) => Promise.resolve(listOutbox(db, query)),
    'payments:invoice': ({ invoiceId }) => Promise.resolve(invoicePayment(db, invoiceId)),
    'payments:list': (query) => Promise.resolve(listPayments(db, query)),
  }
}

const invoicePayment = (db: Database.Database, invoiceId: number): InvoicePayment | null => {
  const row = db
    .prepare<
      [number],
      {
        stripe_invoice_id: string | null
        stripe_status: string | null
        amount_paid_minor: number
        amount_refunded_minor: number
        payment_intent: string | null
        disputed: number
        updated_at: string
      }
    >(
      `SELECT stripe_invoice_id, stripe_status, amount_paid_minor, amount_refunded_minor,
         payment_intent, disputed, updated_at FROM invoice_payment WHERE invoice_id = ?`,
    )
    .get(invoiceId)
  const outbox = listOutbox(db, { invoiceId, limit: 100, offset: 0 }).entries
  if (!row && outbox.length === 0) return null
  return {
    invoiceId,
    stripeInvoiceId: row?.stripe_invoice_id ?? null,
    stripeStatus: row?.stripe_status ?? null,
    amountPaidMinor: row?.amount_paid_minor ?? 0,
    amountRefundedMinor: row?.amount_refunded_minor ?? 0,
    collectedThroughStripe: (row?.payment_intent ?? null) !== null,
    disputed: row?.disputed === 1,
    updatedAt: row?.updated_at ?? outbox[0]!.createdAt,
    outbox,
  }
}
