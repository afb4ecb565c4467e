import type Database from 'better-sqlite3'
import { invoiceLines } from '../invoices/invoice-store'
import { linkedCustomer, refreshCustomer, syncCustomer } from './customer-sync'
import {
  OperationRefused,
  type Claimed,
  type OperationDeps,
  type OperationResult,
} from './operation-types'
import { outboxKey, requestKey } from './outbox'
import type { ProviderInvoice, ProviderInvoiceStatus } from './provider'
import { recordStripePayment } from './settlement'

/**
 * Sends one operation. Every step is idempotent: its key is derived from the outbox row, and
 * each Stripe id is saved as soon as it exists, so a retry after a crash or a timeout continues
 * where the last attempt stopped instead of creating anything twice.
 */
export const runOperation = (op: Claimed, deps: OperationDeps): Promise<OperationResult> => {
  switch (op.operation) {
    case 'customer.sync':
      return syncCustomer(op.customer_id, op.idempotency_key, deps).then((id) => ({
        stripeCustomerId: id,
      }))
    case 'invoice.push':
      return pushInvoice(op, deps)
    case 'invoice.collect':
      return collectInvoice(op, deps)
    case 'invoice.settle':
      return closeStripeInvoice(op, deps, 'settle')
    case 'invoice.void':
      return closeStripeInvoice(op, deps, 'void')
    case 'invoice.uncollectible':
      return closeStripeInvoice(op, deps, 'write-off')
    case 'refund.create':
      return refund(op, deps)
  }
}

type PaymentRow = {
  stripe_invoice_id: string | null
  stripe_status: string | null
  payment_intent: string | null
  items_pushed: number
}

const paymentOf = (db: Database.Database, invoiceId: number): PaymentRow | undefined =>
  db
    .prepare<[number], PaymentRow>(
      `SELECT stripe_invoice_id, stripe_status, payment_intent, items_pushed
       FROM invoice_payment WHERE invoice_id = ?`,
    )
    .get(invoiceId)

const savePayment = (
  deps: OperationDeps,
  invoiceId: number,
  fields: Partial<PaymentRow>,
): Promise<void> =>
  deps.save((tx) => {
    const at = deps.now().toISOString()
    tx.prepare(
      `INSERT INTO invoice_payment (invoice_id, updated_at) VALUES (?, ?)
       ON CONFLICT (invoice_id) DO NOTHING`,
    ).run(invoiceId, at)
    for (const [column, value] of Object.entries(fields))
      tx.prepare(
        `UPDATE invoice_payment SET ${column} = ?, updated_at = ? WHERE invoice_id = ?`,
      ).run(value, at, invoiceId)
  })

type InvoiceRow = {
  number: string
  status: string
  currency: string
  discount_minor: number
  credit_minor: number
  tax_minor: number
  total_minor: number
  due_date: string | null
  tax_json: string | null
}

const invoiceOf = (db: Database.Database, invoiceId: number): InvoiceRow => {
  const row = db
    .prepare<[number], InvoiceRow>(
      `SELECT number, status, currency, discount_minor, credit_minor, tax_minor, total_minor,
         due_date, tax_json FROM invoice WHERE id = ?`,
    )
    .get(invoiceId)
  if (!row) throw new OperationRefused('invoice_missing', `Invoice ${invoiceId} no longer exists.`)
  return row
}

/**
 * Our invoice as Stripe invoice items: one per line, then the discounts, the prepaid credit and
 * the tax as their own items, so Stripe's total is ours to the minor unit.
 */
export const invoiceItems = (
  db: Database.Database,
  invoiceId: number,
): { description: string; amountMinor: number }[] => {
  const invoice = invoiceOf(db, invoiceId)
  const items = invoiceLines(db, invoiceId).map((line) => ({
    description: line.description,
    amountMinor: line.amountMinor,
  }))
  items.push({ description: 'Discounts', amountMinor: -invoice.discount_minor })
  items.push({ description: 'Prepaid credit applied', amountMinor: -invoice.credit_minor })
  items.push({ description: 'Tax', amountMinor: invoice.tax_minor })
  return items.filter((item) => item.amountMinor !== 0)
}

const pushInvoice = async (op: Claimed, deps: OperationDeps): Promise<OperationResult> => {
  const { db, provider } = deps
  const invoiceId = requireInvoice(op)
  const invoice = invoiceOf(db, invoiceId)
  const customerId =
    linkedCustomer(db, op.customer_id) ??
    (await syncCustomer(
      op.customer_id,
      outboxKey(db, 'customer.sync', `customer${op.customer_id}`),
      deps,
    ))
  await refreshCustomer(op, customerId, deps)
  let payment = paymentOf(db, invoiceId)
  let stripeInvoiceId = payment?.stripe_invoice_id ?? null
  if (!stripeInvoiceId) {
    // An earlier attempt may have created it and lost the answer: look before creating.
    const found = op.attempts > 1 ? await provider.findInvoice(customerId, invoiceId) : null
    const created =
      found ??
      (await provider.createInvoice(
        {
          customerId,
          currency: invoice.currency,
          ourInvoiceId: invoiceId,
          number: invoice.number,
          dueDate: invoice.due_date,
        },
        { idempotencyKey: requestKey(op.idempotency_key, 'create') },
      ))
    stripeInvoiceId = created.id
    await savePayment(deps, invoiceId, {
      stripe_invoice_id: created.id,
      stripe_status: created.status,
    })
    payment = paymentOf(db, invoiceId)
  }
  let stripeInvoice: ProviderInvoice | null = null
  if (payment?.stripe_status === 'draft' || payment?.stripe_status === null) {
    const items = invoiceItems(db, invoiceId)
    for (let index = payment?.items_pushed ?? 0; index < items.length; index += 1) {
      const item = items[index]!
      await provider.addInvoiceItem(
        {
          customerId,
          invoiceId: stripeInvoiceId,
          amountMinor: item.amountMinor,
          currency: invoice.currency,
          description: item.description,
        },
        { idempotencyKey: requestKey(op.idempotency_key, `item-${index}`) },
      )
      await savePayment(deps, invoiceId, { items_pushed: index + 1 })
    }
    stripeInvoice = await provider.finalizeInvoice(stripeInvoiceId, {
      idempotencyKey: requestKey(op.idempotency_key, 'finalize'),
    })
    await savePayment(deps, invoiceId, { stripe_status: stripeInvoice.status })
  }
  stripeInvoice ??= await provider.getInvoice(stripeInvoiceId)
  if (stripeInvoice.amountDueMinor !== invoice.total_minor)
    throw new OperationRefused(
      'amount_mismatch',
      `Stripe's invoice ${stripeInvoiceId} is for ${stripeInvoice.amountDueMinor} but invoice ${invoice.number} totals ${invoice.total_minor} (minor units).`,
    )
  return { stripeInvoiceId, amountDueMinor: stripeInvoice.amountDueMinor }
}

const collectInvoice = async (op: Claimed, deps: OperationDeps): Promise<OperationResult> => {
  const { db, provider } = deps
  const invoiceId = requireInvoice(op)
  const invoice = invoiceOf(db, invoiceId)
  const stripeInvoiceId = paymentOf(db, invoiceId)?.stripe_invoice_id
  if (!stripeInvoiceId)
    throw new OperationRefused('not_pushed', `Invoice ${invoice.number} is not in Stripe yet.`)
  if (invoice.status === 'paid' || invoice.status === 'void' || invoice.status === 'uncollectible')
    return { skipped: `invoice already ${invoice.status}` }
  // A retry first asks: the last attempt may have been charged though its answer was lost.
  let paid = op.attempts > 1 ? await provider.getInvoice(stripeInvoiceId) : null
  if (paid?.status !== 'paid')
    paid = await provider.payInvoice(stripeInvoiceId, {
      idempotencyKey: requestKey(op.idempotency_key, 'pay', op.key_generation),
    })
  await deps.save((tx) =>
    recordStripePayment(tx, invoiceId, paid, { now: deps.now(), operator: deps.operator }),
  )
  return {
    stripeInvoiceId,
    paymentIntent: paid.paymentIntent,
    amountPaidMinor: paid.amountPaidMinor,
  }
}

type Closing = 'void' | 'settle' | 'write-off'

/** What Stripe lets each closing act on: an uncollectible invoice can still be paid or voided. */
const closable: Record<Closing, readonly ProviderInvoiceStatus[]> = {
  void: ['open', 'uncollectible'],
  settle: ['open', 'uncollectible'],
  'write-off': ['open'],
}

/**
 * Makes Stripe's copy of an invoice follow what happened here: voided, paid out of band
 * (settled), or marked uncollectible (written off). A copy Stripe already closed needs nothing
 * more (a write-off that finds it paid is settled by the payment event), except a void that
 * finds it paid: a person must decide what happens to that money.
 */
const closeStripeInvoice = async (
  op: Claimed,
  deps: OperationDeps,
  how: Closing,
): Promise<OperationResult> => {
  const invoiceId = requireInvoice(op)
  const stripeId = paymentOf(deps.db, invoiceId)?.stripe_invoice_id
  if (!stripeId) return { skipped: 'never reached Stripe' }
  const current = await deps.provider.getInvoice(stripeId)
  if (!closable[how].includes(current.status)) {
    if (how === 'void' && current.status !== 'void')
      throw new OperationRefused(
        'not_voidable',
        `Stripe's invoice ${current.id} is ${current.status}; only open invoices can be voided there.`,
      )
    return { stripeInvoiceId: current.id, status: current.status }
  }
  const write = { idempotencyKey: requestKey(op.idempotency_key, how) }
  const closed =
    how === 'void'
      ? await deps.provider.voidInvoice(current.id, write)
      : how === 'settle'
        ? await deps.provider.settleInvoice(current.id, write)
        : await deps.provider.markUncollectible(current.id, write)
  await savePayment(deps, invoiceId, { stripe_status: closed.status })
  return { stripeInvoiceId: closed.id, status: closed.status }
}

const refund = async (op: Claimed, deps: OperationDeps): Promise<OperationResult> => {
  const invoiceId = requireInvoice(op)
  const intent = paymentOf(deps.db, invoiceId)?.payment_intent
  if (!intent || op.credit_note_id === null || op.amount_minor === null)
    throw new OperationRefused('not_refundable', 'The invoice has no Stripe payment to refund.')
  const made = await deps.provider.refund(
    { paymentIntent: intent, amountMinor: op.amount_minor, ourCreditNoteId: op.credit_note_id },
    { idempotencyKey: requestKey(op.idempotency_key, 'refund', op.key_generation) },
  )
  await deps.save((tx) =>
    tx
      .prepare(
        `UPDATE invoice_payment SET amount_refunded_minor = amount_refunded_minor + ?, updated_at = ?
         WHERE invoice_id = ?`,
      )
      .run(made.amountMinor, deps.now().toISOString(), invoiceId),
  )
  return { refundId: made.id, amountMinor: made.amountMinor }
}

const requireInvoice = (op: Claimed): number => {
  if (op.invoice_id === null)
    throw new OperationRefused('invoice_missing', `Outbox entry ${op.id} names no invoice.`)
  return op.invoice_id
}
