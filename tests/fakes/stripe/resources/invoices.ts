import type Stripe from 'stripe'
import { invalidRequest } from '../errors'
import {
  allowOnly,
  currencyParam,
  mergeMetadata,
  oneOf,
  optionalBoolean,
  optionalString,
  requiredString,
} from '../params'
import { findCustomer } from './customers'
import { addLine, customerIdOf, draftInvoice, findInvoice } from './invoice-model'
import { listPage } from './list'
import { route, type Route } from './route'

const CREATE_FIELDS = [
  'customer',
  'currency',
  'collection_method',
  'auto_advance',
  'pending_invoice_items_behavior',
  'description',
  'metadata',
  'days_until_due',
] as const

export const invoiceRoutes: Route[] = [
  route('POST', '/v1/invoices', ({ state, params }) => {
    allowOnly(params, CREATE_FIELDS)
    const customer = findCustomer(state, requiredString(params, 'customer'), 'customer')
    const id = state.nextId('in')
    const invoice = draftInvoice(id, state.clock.now(), {
      customer,
      currency: currencyParam(params) ?? 'usd',
      collectionMethod:
        oneOf(params, 'collection_method', ['charge_automatically', 'send_invoice'] as const) ??
        'charge_automatically',
      autoAdvance: optionalBoolean(params, 'auto_advance') ?? false,
      description: optionalString(params, 'description') ?? null,
      metadata: mergeMetadata({}, params.metadata),
    })
    const pending = oneOf(params, 'pending_invoice_items_behavior', ['exclude', 'include'] as const)
    if (pending === 'include') {
      for (const item of state.invoiceItems.values()) {
        if (
          item.invoice === null &&
          item.customer === customer.id &&
          item.currency === invoice.currency
        ) {
          item.invoice = id
          addLine(invoice, item, state.nextId('il'))
        }
      }
    }
    state.invoices.set(id, invoice)
    return invoice
  }),

  route('GET', '/v1/invoices/:id', ({ state, ids }) => findInvoice(state, ids[0] ?? '')),

  route('GET', '/v1/invoices', ({ state, params }) => {
    allowOnly(params, ['customer', 'status', 'limit', 'starting_after', 'ending_before', 'created'])
    const customer = optionalString(params, 'customer')
    const status = optionalString(params, 'status')
    return listPage(
      [...state.invoices.values()],
      params,
      '/v1/invoices',
      'invoice',
      (invoice) =>
        (customer === undefined || invoice.customer === customer) &&
        (status === undefined || invoice.status === status),
    )
  }),

  route('POST', '/v1/invoices/:id/finalize', ({ state, params, ids, request }) => {
    allowOnly(params, ['auto_advance'])
    const invoice = findInvoice(state, ids[0] ?? '')
    if (invoice.status !== 'draft') {
      throw invalidRequest(
        `This invoice is already finalized, you can't re-finalize a non-draft invoice.`,
        {
          code: 'invoice_not_editable',
        },
      )
    }
    const customer = findCustomer(state, customerIdOf(invoice))
    const sequence = customer.next_invoice_sequence ?? 1
    customer.next_invoice_sequence = sequence + 1
    const now = state.clock.now()
    invoice.number = `${customer.invoice_prefix ?? 'FAKE'}-${String(sequence).padStart(4, '0')}`
    invoice.status = 'open'
    invoice.effective_at = now
    invoice.status_transitions.finalized_at = now
    state.emit('invoice.finalized', invoice, request)
    return invoice
  }),

  // Stripe voids open invoices and those marked uncollectible.
  route('POST', '/v1/invoices/:id/void', ({ state, params, ids, request }) => {
    allowOnly(params, [])
    const invoice = findInvoice(state, ids[0] ?? '')
    if (invoice.status !== 'open' && invoice.status !== 'uncollectible') {
      throw invalidRequest(
        `You can only void an open or uncollectible invoice; this one is ${invoice.status ?? 'unknown'}.`,
      )
    }
    invoice.status = 'void' satisfies Stripe.Invoice.Status
    invoice.status_transitions.voided_at = state.clock.now()
    state.emit('invoice.voided', invoice, request)
    return invoice
  }),

  // Written off: Stripe stops collecting; it can still be paid (out of band too) or voided.
  route('POST', '/v1/invoices/:id/mark_uncollectible', ({ state, params, ids, request }) => {
    allowOnly(params, [])
    const invoice = findInvoice(state, ids[0] ?? '')
    if (invoice.status !== 'open') {
      throw invalidRequest(
        `You can only mark an open invoice uncollectible; this one is ${invoice.status ?? 'unknown'}.`,
      )
    }
    invoice.status = 'uncollectible' satisfies Stripe.Invoice.Status
    invoice.status_transitions.marked_uncollectible_at = state.clock.now()
    state.emit('invoice.marked_uncollectible', invoice, request)
    return invoice
  }),
]
