import type Stripe from 'stripe'
import { StripeFailure, invalidRequest } from '../errors'
import { allowOnly } from '../params'
import type { FakeState, RequestRef } from '../state'
import type { CardBehaviour } from '../types'
import { customerIdOf, findInvoice } from './invoice-model'
import { route, type Route } from './route'

type Decline = { code: string; declineCode: string; message: string }

const DECLINES: Record<Exclude<CardBehaviour, 'ok'>, Decline> = {
  card_declined: {
    code: 'card_declined',
    declineCode: 'generic_decline',
    message: 'Your card was declined.',
  },
  insufficient_funds: {
    code: 'card_declined',
    declineCode: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
  },
  expired_card: {
    code: 'expired_card',
    declineCode: 'expired_card',
    message: 'Your card has expired.',
  },
  processing_error: {
    code: 'processing_error',
    declineCode: 'processing_error',
    message: 'An error occurred while processing your card. Try again in a little bit.',
  },
  authentication_required: {
    code: 'authentication_required',
    declineCode: 'authentication_required',
    message: 'Your card was declined. This transaction requires authentication.',
  },
}

const markPaid = (
  state: FakeState,
  invoice: Stripe.Invoice,
  paymentIntent: string | null,
  request: RequestRef,
): void => {
  const now = state.clock.now()
  if (paymentIntent !== null) {
    const payment: Stripe.InvoicePayment = {
      id: state.nextId('inpay'),
      object: 'invoice_payment',
      amount_paid: invoice.amount_due,
      amount_requested: invoice.amount_due,
      created: now,
      currency: invoice.currency,
      invoice: invoice.id,
      is_default: true,
      livemode: false,
      payment: { type: 'payment_intent', payment_intent: paymentIntent },
      status: 'paid',
      status_transitions: { canceled_at: null, paid_at: now },
    }
    invoice.payments?.data.push(payment)
  }
  invoice.status = 'paid'
  invoice.amount_paid = invoice.amount_due
  invoice.amount_remaining = 0
  invoice.status_transitions.paid_at = now
  state.emit('invoice.paid', invoice, request)
  if (paymentIntent !== null) state.emit('invoice.payment_succeeded', invoice, request)
}

/** POST /v1/invoices/:id/pay: the customer's card behaviour decides (default `ok`). */
export const invoicePayRoutes: Route[] = [
  route('POST', '/v1/invoices/:id/pay', ({ state, params, ids, request }) => {
    allowOnly(params, ['paid_out_of_band'])
    const invoice = findInvoice(state, ids[0] ?? '')
    switch (invoice.status) {
      case 'paid':
        throw invalidRequest('Invoice is already paid.', { code: 'invoice_already_paid' })
      case 'draft':
        throw invalidRequest('This invoice is a draft; finalize it before paying it.', {
          code: 'invoice_not_finalized',
        })
      case 'void':
      case null:
        throw invalidRequest(`You cannot pay an invoice that is ${invoice.status ?? 'unknown'}.`)
      // Stripe still takes payment of an invoice marked uncollectible.
      case 'open':
      case 'uncollectible':
        break
    }
    // Settled outside Stripe (a bank transfer): paid, and nothing is charged.
    if (invoice.amount_due === 0 || params['paid_out_of_band'] === 'true') {
      if (params['paid_out_of_band'] === 'true') invoice.amount_paid_off_stripe = invoice.amount_due
      markPaid(state, invoice, null, request)
      return invoice
    }
    const customer = customerIdOf(invoice)
    const email = state.customers.get(customer)?.email
    const behaviour =
      state.cardBehaviours.get(customer) ??
      (email ? state.cardBehaviours.get(`email:${email}`) : undefined) ??
      'ok'
    const paymentIntent = state.nextId('pi')
    const charge = state.nextId('ch')
    invoice.attempt_count += 1
    invoice.attempted = true
    if (behaviour !== 'ok') {
      const decline = DECLINES[behaviour]
      state.emit('invoice.payment_failed', invoice, request)
      throw new StripeFailure(402, {
        error: {
          type: 'card_error',
          code: decline.code,
          decline_code: decline.declineCode,
          message: decline.message,
          charge,
        },
      })
    }
    state.charges.push({
      id: charge,
      paymentIntent,
      customer,
      invoice: invoice.id,
      amount: invoice.amount_due,
      currency: invoice.currency,
      at: state.clock.now(),
      amountRefunded: 0,
    })
    markPaid(state, invoice, paymentIntent, request)
    return invoice
  }),
]
