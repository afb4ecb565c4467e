import type Stripe from 'stripe'
import { stripeClientFor, type FakeStripe } from '../fakes/stripe'

export const sdk = (fake: FakeStripe, key?: string): Stripe =>
  stripeClientFor(fake, key === undefined ? {} : { key })

export const customerOf = (invoice: Stripe.Invoice): string =>
  typeof invoice.customer === 'string' ? invoice.customer : ''

/** A customer with an open invoice of 1500 - 200 = 1300 cents. */
export const openInvoice = async (stripe: Stripe): Promise<Stripe.Invoice> => {
  const customer = await stripe.customers.create({ name: 'Acme', metadata: { externalId: 'acme' } })
  const draft = await stripe.invoices.create({
    customer: customer.id,
    currency: 'usd',
    collection_method: 'charge_automatically',
    auto_advance: false,
    pending_invoice_items_behavior: 'exclude',
    metadata: { meterbookInvoiceId: 'INV-1' },
  })
  const item = { customer: customer.id, invoice: draft.id, currency: 'usd' }
  await stripe.invoiceItems.create({ ...item, amount: 1500, description: 'API calls' })
  await stripe.invoiceItems.create({ ...item, amount: -200, description: 'Credit' })
  return stripe.invoices.finalizeInvoice(draft.id)
}
