import type Stripe from 'stripe'
import { invalidRequest, noSuch } from '../errors'
import type { FakeState } from '../state'

export type NewInvoice = {
  customer: Stripe.Customer
  currency: string
  collectionMethod: Stripe.Invoice.CollectionMethod
  autoAdvance: boolean
  description: string | null
  metadata: Stripe.Metadata
}

export const findInvoice = (state: FakeState, id: string, param?: string): Stripe.Invoice => {
  const invoice = state.invoices.get(id)
  if (invoice === undefined) throw noSuch('invoice', id, param)
  return invoice
}

export const customerIdOf = (invoice: Stripe.Invoice): string => {
  const customer = invoice.customer
  if (typeof customer === 'string') return customer
  if (customer === null) throw invalidRequest(`Invoice ${invoice.id} has no customer.`)
  return customer.id
}

/** A draft with every field the SDK's type requires; totals start at 0, lines empty. */
export const draftInvoice = (id: string, created: number, input: NewInvoice): Stripe.Invoice => ({
  id,
  object: 'invoice',
  account_country: 'US',
  account_name: 'Meterbook fake account',
  account_tax_ids: null,
  amount_due: 0,
  amount_overpaid: 0,
  amount_paid: 0,
  amount_remaining: 0,
  amount_shipping: 0,
  application: null,
  attempt_count: 0,
  attempted: false,
  auto_advance: input.autoAdvance,
  automatic_tax: {
    disabled_reason: null,
    enabled: false,
    liability: null,
    provider: null,
    status: null,
  },
  automatically_finalizes_at: null,
  billing_reason: 'manual',
  collection_method: input.collectionMethod,
  created,
  currency: input.currency,
  custom_fields: null,
  customer: input.customer.id,
  customer_account: null,
  customer_address: null,
  customer_email: input.customer.email,
  customer_name: input.customer.name ?? null,
  customer_phone: input.customer.phone ?? null,
  customer_shipping: null,
  customer_tax_exempt: 'none',
  default_payment_method: null,
  default_source: null,
  default_tax_rates: [],
  description: input.description,
  discounts: [],
  due_date: null,
  effective_at: null,
  ending_balance: null,
  footer: null,
  from_invoice: null,
  hosted_invoice_url: null,
  invoice_pdf: null,
  issuer: { type: 'self' },
  last_finalization_error: null,
  latest_revision: null,
  lines: { object: 'list', data: [], has_more: false, url: `/v1/invoices/${id}/lines` },
  livemode: false,
  metadata: input.metadata,
  next_payment_attempt: null,
  number: null,
  on_behalf_of: null,
  parent: null,
  payment_settings: {
    default_mandate: null,
    payment_method_options: null,
    payment_method_types: null,
  },
  payments: { object: 'list', data: [], has_more: false, url: `/v1/invoice_payments` },
  period_end: created,
  period_start: created,
  post_payment_credit_notes_amount: 0,
  pre_payment_credit_notes_amount: 0,
  receipt_number: null,
  rendering: null,
  shipping_cost: null,
  shipping_details: null,
  starting_balance: 0,
  statement_descriptor: null,
  status: 'draft',
  status_transitions: {
    finalized_at: null,
    marked_uncollectible_at: null,
    paid_at: null,
    voided_at: null,
  },
  subtotal: 0,
  subtotal_excluding_tax: 0,
  test_clock: null,
  total: 0,
  total_discount_amounts: [],
  total_excluding_tax: 0,
  total_pretax_credit_amounts: [],
  total_taxes: [],
  webhooks_delivered_at: null,
})

/** Adds an invoice item to a draft's lines and recomputes its totals. */
export const addLine = (
  invoice: Stripe.Invoice,
  item: Stripe.InvoiceItem,
  lineId: string,
): void => {
  const line: Stripe.InvoiceLineItem = {
    id: lineId,
    object: 'line_item',
    amount: item.amount,
    currency: item.currency,
    description: item.description,
    discount_amounts: [],
    discountable: item.discountable,
    discounts: [],
    invoice: invoice.id,
    livemode: false,
    metadata: item.metadata ?? {},
    parent: null,
    period: item.period,
    pretax_credit_amounts: [],
    pricing: null,
    quantity: 1,
    quantity_decimal: item.quantity_decimal,
    subscription: null,
    subtotal: item.amount,
    taxes: [],
  }
  invoice.lines.data.push(line)
  const total = invoice.lines.data.reduce((sum, l) => sum + l.amount, 0)
  invoice.subtotal = total
  invoice.subtotal_excluding_tax = total
  invoice.total = total
  invoice.total_excluding_tax = total
  // A negative total is owed to the customer, never collected.
  invoice.amount_due = Math.max(0, total)
  invoice.amount_remaining = invoice.amount_due
}
