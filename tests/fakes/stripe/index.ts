import type { AddressInfo } from 'node:net'
import { createFaultPlan } from './faults'
import { accountRoutes } from './resources/account'
import { customerRoutes } from './resources/customers'
import { eventRoutes } from './resources/events'
import { invoiceItemRoutes } from './resources/invoice-items'
import { invoicePayRoutes } from './resources/invoice-pay'
import { invoiceRoutes } from './resources/invoices'
import { refundRoutes } from './resources/refunds'
import { createFakeServer } from './server'
import { createState } from './state'
import type Stripe from 'stripe'
import type { FakeStripe } from './types'

export { stripeClientFor, stripeFailure } from './sdk'
export type {
  CardBehaviour,
  DisputeEventType,
  DisputeFields,
  FakeCharge,
  FakeClock,
  FakeStripe,
  Fault,
  FaultOptions,
  RecordedRequest,
} from './types'

export type FakeStripeOptions = {
  /** 0 (default) picks a free port. */
  port?: number
  /** Freeze the fake clock at these unix seconds from the start. */
  now?: number
}

/**
 * Starts a fake Stripe API on 127.0.0.1. Point the real SDK at it with
 * `new Stripe(key, { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 })`.
 */
export const startFakeStripe = async (options: FakeStripeOptions = {}): Promise<FakeStripe> => {
  const state = createState()
  if (options.now !== undefined) state.clock.set(options.now)
  const faults = createFaultPlan()
  const acceptedKeys = new Set<string>()
  let latency = 0
  const { server, close } = createFakeServer({
    state,
    faults,
    acceptedKeys,
    latencyMs: () => latency,
    routes: [
      ...accountRoutes,
      ...customerRoutes,
      ...invoiceRoutes,
      ...invoicePayRoutes,
      ...invoiceItemRoutes,
      ...refundRoutes,
      ...eventRoutes,
    ],
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close,
    requests: state.requests,
    customers: state.customers,
    invoices: state.invoices,
    invoiceItems: state.invoiceItems,
    refunds: state.refunds,
    events: state.events,
    charges: state.charges,
    clock: state.clock,
    injectFault: (fault, faultOptions) => faults.inject(fault, faultOptions),
    setFaultRate: (rate, list, seed) => faults.setRate(rate, list, seed),
    setCardBehaviour: (customerId, behaviour) => {
      state.cardBehaviours.set(customerId, behaviour)
    },
    setLatency: (ms) => {
      latency = ms
    },
    emitEvent: (type, object) => state.emit(type, object, null),
    emitDispute: (type, d) =>
      state.emit(
        type,
        {
          id: d.id,
          object: 'dispute',
          amount: d.amount,
          currency: d.currency ?? 'usd',
          payment_intent: d.paymentIntent,
          reason: d.reason ?? 'general',
          status: d.status ?? 'needs_response',
          evidence_details: {
            due_by: d.evidenceDueBy ?? null,
            has_evidence: false,
            past_due: false,
            submission_count: 0,
            enhanced_eligibility: {},
            submission_method: 'not_submitted',
          },
          livemode: false,
        } satisfies Partial<Stripe.Dispute>,
        null,
      ),
    acceptedKeys,
  }
}
