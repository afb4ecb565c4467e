import type Stripe from 'stripe'
import {
  ProviderError,
  type PaymentProvider,
  type ProviderEvent,
  type ProviderFailure,
  type ProviderInvoice,
  type ProviderInvoiceStatus,
} from './provider'

/**
 * The Stripe implementation of the payment provider: the only module that imports the SDK. The
 * SDK retries nothing by itself (`maxNetworkRetries: 0`): retries are the retry queue's, each one
 * recorded, with the idempotency key the caller derived from our ids.
 */
export type StripeOptions = {
  key: string
  /** Another endpoint, e.g. `http://127.0.0.1:12111` for the fake Stripe in tests. */
  apiBase?: string | undefined
  /** Milliseconds before a request counts as timed out (its outcome then unknown). */
  timeoutMs?: number
}

/** The SDK loads on first use, so commands that never talk to Stripe start without it. */
export const stripeProvider = async (options: StripeOptions): Promise<PaymentProvider> => {
  const { default: StripeSdk } = await import('stripe')
  const endpoint = options.apiBase ? new URL(options.apiBase) : undefined
  const stripe = new StripeSdk(options.key, {
    maxNetworkRetries: 0,
    timeout: options.timeoutMs ?? 20_000,
    appInfo: { name: 'Meterbook' },
    ...(endpoint
      ? {
          host: endpoint.hostname,
          port: endpoint.port || (endpoint.protocol === 'https:' ? 443 : 80),
          protocol: endpoint.protocol === 'https:' ? 'https' : 'http',
        }
      : {}),
  })
  return adapter(stripe)
}

const adapter = (stripe: Stripe): PaymentProvider => ({
  ping: () =>
    call(async () => {
      const { livemode } = await stripe.balance.retrieve()
      const account = await stripe.accounts.retrieveCurrent().catch(() => null)
      const accountName =
        account?.business_profile?.name ?? account?.settings?.dashboard.display_name ?? null
      return { livemode, accountName }
    }),
  createCustomer: (input, write) =>
    call(async () =>
      toCustomer(
        await stripe.customers.create(
          {
            name: input.name,
            ...(input.email ? { email: input.email } : {}),
            metadata: { meterbook_customer: input.ourId },
          },
          write,
        ),
      ),
    ),
  updateCustomer: (id, input, write) =>
    call(async () =>
      toCustomer(
        await stripe.customers.update(id, { name: input.name, email: input.email ?? '' }, write),
      ),
    ),
  createInvoice: (input, write) =>
    call(async () =>
      toInvoice(
        await stripe.invoices.create(
          {
            customer: input.customerId,
            currency: input.currency.toLowerCase(),
            collection_method: 'charge_automatically',
            auto_advance: false,
            pending_invoice_items_behavior: 'exclude',
            description: `Meterbook invoice ${input.number}`,
            metadata: {
              meterbook_invoice_id: String(input.ourInvoiceId),
              meterbook_invoice_number: input.number,
            },
          },
          write,
        ),
      ),
    ),
  findInvoice: (customerId, ourInvoiceId) =>
    call(async () => {
      for await (const invoice of stripe.invoices.list({ customer: customerId, limit: 100 })) {
        if (invoice.metadata?.['meterbook_invoice_id'] === String(ourInvoiceId))
          return toInvoice(invoice)
      }
      return null
    }),
  addInvoiceItem: (input, write) =>
    call(async () => {
      await stripe.invoiceItems.create(
        {
          customer: input.customerId,
          invoice: input.invoiceId,
          amount: input.amountMinor,
          currency: input.currency.toLowerCase(),
          description: input.description,
        },
        write,
      )
    }),
  finalizeInvoice: (id, write) =>
    call(async () =>
      toInvoice(await stripe.invoices.finalizeInvoice(id, { auto_advance: false }, write)),
    ),
  payInvoice: (id, write) =>
    call(async () => toInvoice(await stripe.invoices.pay(id, { expand: ['payments'] }, write))),
  settleInvoice: (id, write) =>
    call(async () => toInvoice(await stripe.invoices.pay(id, { paid_out_of_band: true }, write))),
  voidInvoice: (id, write) =>
    call(async () => toInvoice(await stripe.invoices.voidInvoice(id, {}, write))),
  markUncollectible: (id, write) =>
    call(async () => toInvoice(await stripe.invoices.markUncollectible(id, {}, write))),
  getInvoice: (id) =>
    call(async () => toInvoice(await stripe.invoices.retrieve(id, { expand: ['payments'] }))),
  refund: (input, write) =>
    call(async () => {
      const refund = await stripe.refunds.create(
        {
          payment_intent: input.paymentIntent,
          amount: input.amountMinor,
          metadata: { meterbook_credit_note_id: String(input.ourCreditNoteId) },
        },
        write,
      )
      return { id: refund.id, amountMinor: refund.amount }
    }),
  eventsPage: (query) =>
    call(async () => {
      const page = await stripe.events.list(
        'after' in query
          ? { ending_before: query.after, limit: query.limit }
          : {
              created: { gte: query.createdFrom },
              limit: query.limit,
              ...(query.before === null ? {} : { starting_after: query.before }),
            },
      )
      // Each page comes newest first; it is handed over oldest first.
      const events: ProviderEvent[] = page.data.map((event) => ({
        id: event.id,
        type: event.type,
        created: event.created,
        object: event.data.object as unknown as Record<string, unknown>,
      }))
      return { events: events.reverse(), hasMore: page.has_more }
    }),
})

const toCustomer = (customer: Stripe.Customer) => ({
  id: customer.id,
  email: customer.email ?? null,
  name: customer.name ?? null,
})

const statuses: readonly ProviderInvoiceStatus[] = [
  'draft',
  'open',
  'paid',
  'void',
  'uncollectible',
]

const toInvoice = (invoice: Stripe.Invoice): ProviderInvoice => {
  const ourId = Number(invoice.metadata?.['meterbook_invoice_id'])
  const status = statuses.find((s) => s === invoice.status) ?? 'draft'
  const customer = typeof invoice.customer === 'string' ? invoice.customer : invoice.customer?.id
  const paid = invoice.payments?.data.find((p) => p.status === 'paid')
  const intent = paid?.payment.payment_intent
  return {
    id: invoice.id ?? '',
    customerId: customer ?? '',
    status,
    currency: invoice.currency.toUpperCase(),
    amountDueMinor: invoice.amount_due,
    amountPaidMinor: invoice.amount_paid,
    ourInvoiceId: Number.isInteger(ourId) && ourId > 0 ? ourId : null,
    paymentIntent: typeof intent === 'string' ? intent : (intent?.id ?? null),
  }
}

/** Runs an SDK call, turning whatever it throws into a ProviderError in our terms. */
const call = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work()
  } catch (error) {
    throw new ProviderError(toFailure(error))
  }
}

/** The SDK's error classes carry Stripe's raw type; connection errors have none. */
const rawTypes: Record<string, string> = {
  StripeCardError: 'card_error',
  StripeInvalidRequestError: 'invalid_request_error',
  StripeAPIError: 'api_error',
  StripeAuthenticationError: 'authentication_error',
  StripePermissionError: 'permission_error',
  StripeRateLimitError: 'rate_limit_error',
  StripeIdempotencyError: 'idempotency_error',
  StripeConnectionError: 'connection_error',
}

export const toFailure = (error: unknown): ProviderFailure => {
  if (!(error instanceof Error) || !('type' in error) || typeof error.type !== 'string')
    return {
      type: 'connection_error',
      code: null,
      declineCode: null,
      requestId: null,
      httpStatus: null,
      message: error instanceof Error ? error.message : String(error),
      retryAfterSeconds: null,
    }
  const stripeError = error as Stripe.errors.StripeError
  const retryAfter = Number(stripeError.headers?.['retry-after'])
  return {
    type: rawTypes[stripeError.type] ?? stripeError.rawType ?? 'api_error',
    code: stripeError.code ?? null,
    declineCode: stripeError.decline_code || null,
    requestId: stripeError.requestId ?? stripeError.headers?.['request-id'] ?? null,
    httpStatus: stripeError.statusCode ?? null,
    message: stripeError.message,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : null,
  }
}
