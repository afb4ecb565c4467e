import type Stripe from 'stripe'
import { invalidRequest } from '../errors'
import { allowOnly, mergeMetadata, oneOf, optionalInteger, optionalString } from '../params'
import type { FakeCharge } from '../types'
import { route, type Route } from './route'

/**
 * Stripe.Charge no longer carries an invoice (API 2025-03-31 onwards); the fake keeps it on the
 * object and in metadata so a poller can tie a refund back to its invoice either way.
 */
export const chargeObject = (charge: FakeCharge) => ({
  id: charge.id,
  object: 'charge' as const,
  amount: charge.amount,
  amount_captured: charge.amount,
  amount_refunded: charge.amountRefunded,
  captured: true,
  created: charge.at,
  currency: charge.currency,
  customer: charge.customer,
  invoice: charge.invoice,
  livemode: false,
  metadata: { invoice: charge.invoice },
  paid: true,
  payment_intent: charge.paymentIntent,
  refunded: charge.amountRefunded === charge.amount,
  status: 'succeeded' as const,
})

export const refundRoutes: Route[] = [
  route('POST', '/v1/refunds', ({ state, params, request }) => {
    allowOnly(params, ['payment_intent', 'charge', 'amount', 'metadata', 'reason'])
    const paymentIntent = optionalString(params, 'payment_intent')
    const chargeId = optionalString(params, 'charge')
    if (paymentIntent === undefined && chargeId === undefined) {
      throw invalidRequest(
        'One of the following params should be provided for this request: payment_intent or charge.',
      )
    }
    const charge = state.charges.find((c) =>
      paymentIntent !== undefined ? c.paymentIntent === paymentIntent : c.id === chargeId,
    )
    if (charge === undefined) {
      const param = paymentIntent !== undefined ? 'payment_intent' : 'charge'
      throw invalidRequest(`No such ${param}: '${paymentIntent ?? chargeId ?? ''}'`, {
        code: 'resource_missing',
        param,
      })
    }
    const refundable = charge.amount - charge.amountRefunded
    if (refundable === 0) {
      throw invalidRequest(`Charge ${charge.id} has already been refunded.`, {
        code: 'charge_already_refunded',
      })
    }
    const amount = optionalInteger(params, 'amount') ?? refundable
    if (amount <= 0) throw invalidRequest('Invalid positive integer', { param: 'amount' })
    if (amount > refundable) {
      throw invalidRequest(
        `Refund amount (${amount}) is greater than unrefunded amount on charge (${refundable})`,
        { code: 'amount_too_large', param: 'amount' },
      )
    }
    charge.amountRefunded += amount
    const refund: Stripe.Refund = {
      id: state.nextId('re'),
      object: 'refund',
      amount,
      balance_transaction: null,
      charge: charge.id,
      created: state.clock.now(),
      currency: charge.currency,
      customer: charge.customer,
      customer_account: null,
      metadata: mergeMetadata({}, params.metadata),
      payment_intent: charge.paymentIntent,
      payment_method: null,
      reason:
        oneOf(params, 'reason', ['duplicate', 'fraudulent', 'requested_by_customer'] as const) ??
        null,
      receipt_number: null,
      source_transfer_reversal: null,
      status: 'succeeded',
      transfer_reversal: null,
    }
    state.refunds.set(refund.id, refund)
    state.emit('charge.refunded', chargeObject(charge), request, {
      amount_refunded: charge.amountRefunded - amount,
    })
    return refund
  }),
]
