import type Stripe from 'stripe'
import { invalidRequest } from '../errors'
import {
  allowOnly,
  currencyParam,
  mergeMetadata,
  optionalBoolean,
  optionalInteger,
  optionalString,
  requiredString,
} from '../params'
import { findCustomer } from './customers'
import { addLine, customerIdOf, findInvoice } from './invoice-model'
import { route, type Route } from './route'
import StripeSdk from 'stripe'

const FIELDS = [
  'customer',
  'invoice',
  'amount',
  'currency',
  'description',
  'metadata',
  'discountable',
] as const

export const invoiceItemRoutes: Route[] = [
  route('POST', '/v1/invoiceitems', ({ state, params }) => {
    allowOnly(params, FIELDS)
    const customer = findCustomer(state, requiredString(params, 'customer'), 'customer')
    const invoiceId = optionalString(params, 'invoice')
    const invoice = invoiceId === undefined ? undefined : findInvoice(state, invoiceId, 'invoice')
    const amount = optionalInteger(params, 'amount')
    if (amount === undefined)
      throw invalidRequest('Missing required param: amount.', { param: 'amount' })
    const currency = currencyParam(params) ?? invoice?.currency
    if (currency === undefined) {
      throw invalidRequest('Missing required param: currency.', { param: 'currency' })
    }
    if (invoice !== undefined) {
      if (customerIdOf(invoice) !== customer.id) {
        throw invalidRequest(`Invoice ${invoice.id} belongs to another customer.`, {
          param: 'invoice',
        })
      }
      if (invoice.status !== 'draft') {
        throw invalidRequest(
          `Invoice ${invoice.id} is not a draft; invoice items can only be added to drafts.`,
          {
            code: 'invoice_not_editable',
            param: 'invoice',
          },
        )
      }
      if (invoice.currency !== currency) {
        throw invalidRequest(
          `The currency of this invoice item (${currency}) does not match the invoice's currency (${invoice.currency}).`,
          { param: 'currency' },
        )
      }
    }
    const now = state.clock.now()
    const item: Stripe.InvoiceItem = {
      id: state.nextId('ii'),
      object: 'invoiceitem',
      amount,
      currency,
      customer: customer.id,
      customer_account: null,
      date: now,
      description: optionalString(params, 'description') ?? null,
      discountable: optionalBoolean(params, 'discountable') ?? true,
      discounts: [],
      invoice: invoice?.id ?? null,
      livemode: false,
      metadata: mergeMetadata({}, params.metadata),
      parent: null,
      period: { start: now, end: now },
      pricing: null,
      proration: false,
      quantity: 1,
      quantity_decimal: StripeSdk.Decimal.from('1'),
      tax_rates: [],
      test_clock: null,
    }
    state.invoiceItems.set(item.id, item)
    if (invoice !== undefined) addLine(invoice, item, state.nextId('il'))
    return item
  }),
]
