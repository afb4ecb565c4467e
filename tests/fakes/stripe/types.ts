import type Stripe from 'stripe'

export type Fault = 'server_error' | 'rate_limit' | 'lock_timeout' | 'timeout' | 'drop'

export type CardBehaviour =
  | 'ok'
  | 'card_declined'
  | 'insufficient_funds'
  | 'expired_card'
  | 'processing_error'
  | 'authentication_required'

/** A parsed form body or query string, as Stripe reads `a[b]=1&list[0]=x`. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue }
export type Params = { [key: string]: FormValue }

export type RecordedRequest = {
  /** The `Request-Id` sent back (also the event's `request.id`). */
  id: string
  method: string
  /** Without the query string. */
  path: string
  /** The parsed form body (POST) or query (GET). */
  params: Params
  idempotencyKey: string | null
  apiKey: string | null
  /** Null while in flight and for a `drop`; for a `timeout` the status that was never sent. */
  status: number | null
  fault?: Fault
  /** True when the response was replayed from the idempotency store. */
  replayed: boolean
  /** Fake-clock unix seconds at arrival. */
  at: number
}

/** A successful charge; soak tests count charges per invoice from these. */
export type FakeCharge = {
  id: string
  paymentIntent: string
  customer: string
  invoice: string
  amount: number
  currency: string
  /** Fake-clock unix seconds. */
  at: number
  amountRefunded: number
}

export type FaultOptions = {
  /** How many matching requests get the fault (default 1). */
  times?: number
  match?: (req: { method: string; path: string }) => boolean
}

/** Unix seconds used for every `created`; real time unless set. */
export type FakeClock = {
  now(): number
  set(unixSeconds: number): void
  advance(seconds: number): void
  useRealTime(): void
}

export type FakeStripe = {
  url: string
  port: number
  close(): Promise<void>
  requests: RecordedRequest[]
  customers: Map<string, Stripe.Customer>
  invoices: Map<string, Stripe.Invoice>
  invoiceItems: Map<string, Stripe.InvoiceItem>
  refunds: Map<string, Stripe.Refund>
  /** Oldest first (the API lists them newest first). */
  events: Stripe.Event[]
  charges: FakeCharge[]
  clock: FakeClock
  injectFault(fault: Fault, options?: FaultOptions): void
  setFaultRate(rate: number, faults: Fault[], seed: number): void
  /** By Stripe customer id, or `email:<address>` to decide before the customer exists. */
  setCardBehaviour(customerId: string, behaviour: CardBehaviour): void
  /** Delay before executing each request; while it waits, a POST's idempotency key is in use. */
  setLatency(ms: number): void
  emitEvent(type: string, object: object): Stripe.Event
  /**
   * A dispute event (`charge.dispute.created|updated|closed`) with a dispute object as Stripe
   * sends one: the given fields over defaults (usd, needs_response, no evidence due date).
   */
  emitDispute(type: DisputeEventType, dispute: DisputeFields): Stripe.Event
  acceptedKeys: Set<string>
}

export type DisputeEventType =
  'charge.dispute.created' | 'charge.dispute.updated' | 'charge.dispute.closed'

/** The parts of a `Stripe.Dispute` the tests set; `evidenceDueBy` is Unix seconds. */
export type DisputeFields = {
  id: string
  paymentIntent: string
  amount: number
  reason?: string
  status?: Stripe.Dispute.Status
  currency?: string
  evidenceDueBy?: number | null
}
