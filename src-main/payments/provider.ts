/**
 * What the app needs from a payment provider, in our own terms. The Stripe implementation
 * (`stripe-provider.ts`) is the only module that imports the `stripe` SDK; everything else sees
 * these types, so the retry queue classifies failures without knowing the SDK's classes.
 */

/** A failed provider call, as the provider reported it (Stripe's error type and codes). */
export type ProviderFailure = {
  /**
   * Stripe's error type: `card_error`, `invalid_request_error`, `api_error`,
   * `authentication_error`, `permission_error`, `rate_limit_error`, `idempotency_error`, or
   * `connection_error` when no answer came back (network down, dropped, timed out).
   */
  type: string
  code: string | null
  declineCode: string | null
  requestId: string | null
  httpStatus: number | null
  message: string
  /** Seconds from a Retry-After header, when the provider sent one. */
  retryAfterSeconds: number | null
}

/** Thrown by a provider call that failed; carries the failure in our terms. */
export class ProviderError extends Error {
  constructor(readonly failure: ProviderFailure) {
    super(failure.message)
    this.name = 'ProviderError'
  }
}

export type ProviderCustomer = { id: string; email: string | null; name: string | null }

export type ProviderInvoiceStatus = 'draft' | 'open' | 'paid' | 'void' | 'uncollectible'

export type ProviderInvoice = {
  id: string
  customerId: string
  status: ProviderInvoiceStatus
  currency: string
  amountDueMinor: number
  amountPaidMinor: number
  /** Our invoice id, from the metadata we set when creating it. */
  ourInvoiceId: number | null
  /** The payment intent that paid it, once paid. */
  paymentIntent: string | null
}

/** Every write carries the idempotency key the caller derived from our own ids. */
export type Write = { idempotencyKey: string }

export type ProviderEvent = {
  id: string
  type: string
  /** Unix seconds. */
  created: number
  object: Record<string, unknown>
}

export type PaymentProvider = {
  /**
   * Reads something harmless to prove the key and the endpoint work, and names the account when
   * the key may read it (a restricted key may not: the name is then null).
   */
  ping: () => Promise<{ livemode: boolean; accountName: string | null }>
  createCustomer: (
    input: { name: string; email: string | null; ourId: string },
    write: Write,
  ) => Promise<ProviderCustomer>
  updateCustomer: (
    id: string,
    input: { name: string; email: string | null },
    write: Write,
  ) => Promise<ProviderCustomer>
  createInvoice: (
    input: {
      customerId: string
      currency: string
      ourInvoiceId: number
      number: string
      dueDate: string | null
    },
    write: Write,
  ) => Promise<ProviderInvoice>
  /** The provider's invoices of a customer that carry our invoice id (to recover a lost answer). */
  findInvoice: (customerId: string, ourInvoiceId: number) => Promise<ProviderInvoice | null>
  addInvoiceItem: (
    input: {
      customerId: string
      invoiceId: string
      amountMinor: number
      currency: string
      description: string
    },
    write: Write,
  ) => Promise<void>
  finalizeInvoice: (id: string, write: Write) => Promise<ProviderInvoice>
  payInvoice: (id: string, write: Write) => Promise<ProviderInvoice>
  /** Marks an open invoice paid without charging (it was settled outside Stripe). */
  settleInvoice: (id: string, write: Write) => Promise<ProviderInvoice>
  voidInvoice: (id: string, write: Write) => Promise<ProviderInvoice>
  /** Marks an open invoice uncollectible (written off): Stripe stops trying to collect it. */
  markUncollectible: (id: string, write: Write) => Promise<ProviderInvoice>
  getInvoice: (id: string) => Promise<ProviderInvoice>
  refund: (
    input: { paymentIntent: string; amountMinor: number; ourCreditNoteId: number },
    write: Write,
  ) => Promise<{ id: string; amountMinor: number }>
  /** One page of events, oldest first (see `EventPageQuery`). */
  eventsPage: (query: EventPageQuery) => Promise<EventPage>
}

/**
 * Stripe lists events newest first. `after`: the page of events just newer than that event
 * (Stripe's `ending_before`), how a sync moves forward. `before`/`createdFrom`: walking back from
 * the newest event created at or after `createdFrom`, a page older than `before` (null: the
 * newest page), how a ledger's first sync finds the oldest event to start from.
 */
export type EventPageQuery =
  { after: string; limit: number } | { before: string | null; createdFrom: number; limit: number }

/** `hasMore`: further events in the direction the query pages. */
export type EventPage = { events: ProviderEvent[]; hasMore: boolean }
