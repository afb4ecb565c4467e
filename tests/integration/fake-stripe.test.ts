import Stripe from 'stripe'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  startFakeStripe,
  stripeClientFor,
  stripeFailure,
  type FakeStripe,
  type Fault,
} from '../fakes/stripe'

const sdk = (fake: FakeStripe, key?: string): Stripe =>
  stripeClientFor(fake, key === undefined ? {} : { key })
const failure = stripeFailure
const customerOf = (invoice: Stripe.Invoice): string =>
  typeof invoice.customer === 'string' ? invoice.customer : ''

let fake: FakeStripe
let stripe: Stripe
beforeEach(async () => {
  fake = await startFakeStripe({ now: 1_790_000_000 })
  stripe = sdk(fake)
})
afterEach(() => fake.close())

/** A customer with an open invoice of 1500 - 200 = 1300 cents. */
const openInvoice = async (): Promise<Stripe.Invoice> => {
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

describe('fake Stripe: invoices and payments', () => {
  it('collects an invoice: customer, draft, items, finalize, pay; one charge and its events', async () => {
    const open = await openInvoice()
    expect(open).toMatchObject({
      status: 'open',
      amount_due: 1300,
      total: 1300,
      number: 'F0000001-0001',
    })
    expect(open.lines.data.map((l) => l.amount)).toEqual([1500, -200])

    const paid = await stripe.invoices.pay(open.id)
    expect(paid).toMatchObject({ status: 'paid', amount_paid: 1300, amount_remaining: 0 })
    expect(fake.charges).toHaveLength(1)
    expect(fake.charges[0]).toMatchObject({ invoice: open.id, amount: 1300, currency: 'usd' })
    expect(paid.payments?.data[0]).toMatchObject({
      object: 'invoice_payment',
      payment: { type: 'payment_intent', payment_intent: fake.charges[0]?.paymentIntent },
      amount_paid: 1300,
      status: 'paid',
    })
    expect(fake.events.map((e) => e.type)).toEqual([
      'invoice.finalized',
      'invoice.paid',
      'invoice.payment_succeeded',
    ])
    const again = await failure(stripe.invoices.pay(open.id))
    expect(again).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    expect(again.code).toBe('invoice_already_paid')
    expect(fake.charges).toHaveLength(1)
  })

  it('refuses to pay a draft, to add items to a finalized invoice, and mixed currencies', async () => {
    const customer = await stripe.customers.create({ name: 'Acme' })
    const draft = await stripe.invoices.create({ customer: customer.id, currency: 'usd' })
    expect((await failure(stripe.invoices.pay(draft.id))).statusCode).toBe(400)
    const euro = stripe.invoiceItems.create({
      customer: customer.id,
      invoice: draft.id,
      amount: 5,
      currency: 'eur',
    })
    expect((await failure(euro)).param).toBe('currency')
    await stripe.invoices.finalizeInvoice(draft.id)
    const late = stripe.invoiceItems.create({
      customer: customer.id,
      invoice: draft.id,
      amount: 5,
      currency: 'usd',
    })
    expect((await failure(late)).code).toBe('invoice_not_editable')
    expect((await failure(stripe.invoices.finalizeInvoice(draft.id))).statusCode).toBe(400)
  })

  it('marks a zero invoice paid without a charge, and voids only open invoices', async () => {
    const customer = await stripe.customers.create({ name: 'Acme' })
    const zero = await stripe.invoices.create({ customer: customer.id, currency: 'usd' })
    await stripe.invoices.finalizeInvoice(zero.id)
    expect((await stripe.invoices.pay(zero.id)).status).toBe('paid')
    expect(fake.charges).toHaveLength(0)
    expect((await failure(stripe.invoices.voidInvoice(zero.id))).statusCode).toBe(400)
    const open = await openInvoice()
    expect((await stripe.invoices.voidInvoice(open.id)).status).toBe('void')
    expect(fake.events.at(-1)?.type).toBe('invoice.voided')
  })

  it.each([
    ['card_declined', 'card_declined', 'generic_decline'],
    ['insufficient_funds', 'card_declined', 'insufficient_funds'],
    ['expired_card', 'expired_card', 'expired_card'],
    ['processing_error', 'processing_error', 'processing_error'],
    ['authentication_required', 'authentication_required', 'authentication_required'],
  ] as const)(
    'declines with %s: StripeCardError %s / %s, no charge',
    async (behaviour, code, declineCode) => {
      const open = await openInvoice()
      fake.setCardBehaviour(customerOf(open), behaviour)
      const err = await failure(stripe.invoices.pay(open.id))
      expect(err).toBeInstanceOf(Stripe.errors.StripeCardError)
      expect(err).toMatchObject({ statusCode: 402, code, decline_code: declineCode })
      expect(fake.charges).toHaveLength(0)
      expect(fake.invoices.get(open.id)).toMatchObject({ status: 'open', attempt_count: 1 })
      expect(fake.events.at(-1)?.type).toBe('invoice.payment_failed')
    },
  )

  it('lists a customer’s invoices newest first; pending items join an invoice that includes them', async () => {
    const acme = await stripe.customers.create({ name: 'Acme' })
    const other = await stripe.customers.create({ name: 'Other' })
    await stripe.invoiceItems.create({ customer: acme.id, amount: 700, currency: 'usd' })
    const older = await stripe.invoices.create({ customer: acme.id, currency: 'usd' })
    await stripe.invoices.create({ customer: other.id, currency: 'usd' })
    const newer = await stripe.invoices.create({
      customer: acme.id,
      currency: 'usd',
      pending_invoice_items_behavior: 'include',
    })
    expect(older.amount_due).toBe(0)
    expect(newer.amount_due).toBe(700)
    const page = await stripe.invoices.list({ customer: acme.id, limit: 1 })
    expect(page).toMatchObject({ object: 'list', has_more: true, url: '/v1/invoices' })
    expect(page.data.map((i) => i.id)).toEqual([newer.id])
    const rest = await stripe.invoices.list({ customer: acme.id, starting_after: newer.id })
    expect(rest.data.map((i) => i.id)).toEqual([older.id])
  })

  it('refunds part of a charge, refuses over-refunding, and emits charge.refunded with the invoice', async () => {
    const open = await openInvoice()
    await stripe.invoices.pay(open.id)
    const paymentIntent = fake.charges[0]?.paymentIntent ?? ''
    const refund = await stripe.refunds.create({ payment_intent: paymentIntent, amount: 300 })
    expect(refund).toMatchObject({ object: 'refund', amount: 300, status: 'succeeded' })
    const over = await failure(
      stripe.refunds.create({ payment_intent: paymentIntent, amount: 1001 }),
    )
    expect(over.code).toBe('amount_too_large')
    expect(fake.events.at(-1)).toMatchObject({
      type: 'charge.refunded',
      data: {
        object: {
          amount_refunded: 300,
          payment_intent: paymentIntent,
          metadata: { invoice: open.id },
        },
      },
    })
    expect(fake.charges[0]?.amountRefunded).toBe(300)
  })
})

describe('fake Stripe: idempotency', () => {
  it('replays the first result for the same key: one customer, the replay header set', async () => {
    const first = await stripe.customers.create({ name: 'Acme' }, { idempotencyKey: 'cust-acme' })
    const second = await stripe.customers.create({ name: 'Acme' }, { idempotencyKey: 'cust-acme' })
    expect(second.id).toBe(first.id)
    expect(fake.customers.size).toBe(1)
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true')
    expect(fake.requests.map((r) => r.replayed)).toEqual([false, true])
  })

  it('refuses a key reused with other parameters (StripeIdempotencyError)', async () => {
    await stripe.customers.create({ name: 'Acme' }, { idempotencyKey: 'cust-acme' })
    const err = await failure(
      stripe.customers.create({ name: 'Other' }, { idempotencyKey: 'cust-acme' }),
    )
    expect(err).toBeInstanceOf(Stripe.errors.StripeIdempotencyError)
    expect(fake.customers.size).toBe(1)
  })

  it('replays a stored decline even after the card is fixed (4xx results are kept)', async () => {
    const open = await openInvoice()
    fake.setCardBehaviour(customerOf(open), 'insufficient_funds')
    await failure(stripe.invoices.pay(open.id, {}, { idempotencyKey: 'pay-1' }))
    fake.setCardBehaviour(customerOf(open), 'ok')
    const replay = await failure(stripe.invoices.pay(open.id, {}, { idempotencyKey: 'pay-1' }))
    expect(replay.decline_code).toBe('insufficient_funds')
    expect(fake.charges).toHaveLength(0)
    expect((await stripe.invoices.pay(open.id, {}, { idempotencyKey: 'pay-2' })).status).toBe(
      'paid',
    )
  })

  it('answers 409 idempotency_key_in_use while the first request with the key still runs', async () => {
    fake.setLatency(150)
    const results = await Promise.allSettled([
      stripe.customers.create({ name: 'Acme' }, { idempotencyKey: 'busy' }),
      stripe.customers.create({ name: 'Acme' }, { idempotencyKey: 'busy' }),
    ])
    const rejected = results.filter((r) => r.status === 'rejected')
    expect(rejected).toHaveLength(1)
    // The SDK maps a 409 to StripeAPIError; the type and code say what happened.
    expect(rejected[0]?.reason).toMatchObject({
      statusCode: 409,
      rawType: 'idempotency_error',
      code: 'idempotency_key_in_use',
    })
    expect(fake.customers.size).toBe(1)
  })
})

describe('fake Stripe: faults as the SDK reports them', () => {
  it('server_error: StripeAPIError 500, nothing executed or stored, the retry executes', async () => {
    fake.injectFault('server_error')
    const err = await failure(stripe.customers.create({ name: 'Acme' }, { idempotencyKey: 'k' }))
    expect(err).toBeInstanceOf(Stripe.errors.StripeAPIError)
    expect(err.statusCode).toBe(500)
    expect(err.requestId).toMatch(/^req_/)
    expect(fake.customers.size).toBe(0)
    await stripe.customers.create({ name: 'Acme' }, { idempotencyKey: 'k' })
    expect(fake.customers.size).toBe(1)
    expect(fake.requests.map((r) => [r.fault ?? null, r.status])).toEqual([
      ['server_error', 500],
      [null, 200],
    ])
  })

  it('rate_limit and lock_timeout: StripeRateLimitError, Retry-After only on rate_limit', async () => {
    fake.injectFault('rate_limit')
    fake.injectFault('lock_timeout')
    const limited = await failure(stripe.balance.retrieve())
    expect(limited).toBeInstanceOf(Stripe.errors.StripeRateLimitError)
    expect(limited.code).toBe('rate_limit')
    expect(limited.headers?.['retry-after']).toBe('1')
    const locked = await failure(stripe.balance.retrieve())
    expect(locked).toBeInstanceOf(Stripe.errors.StripeRateLimitError)
    expect(locked.code).toBe('lock_timeout')
    expect(locked.headers?.['retry-after']).toBeUndefined()
    expect((await stripe.balance.retrieve()).object).toBe('balance')
  })

  it('drop: the SDK retries a closed connection once by itself, so two drops surface StripeConnectionError', async () => {
    fake.injectFault('drop', { times: 2, match: (req) => req.path === '/v1/customers' })
    const err = await failure(stripe.customers.create({ name: 'Acme' }))
    expect(err).toBeInstanceOf(Stripe.errors.StripeConnectionError)
    expect(fake.customers.size).toBe(0)
    const [first, retry] = fake.requests
    expect(retry?.idempotencyKey).toBe(first?.idempotencyKey)
    fake.injectFault('drop')
    expect((await stripe.customers.create({ name: 'Acme' })).object).toBe('customer')
    expect(fake.requests.map((r) => r.fault ?? null)).toEqual(['drop', 'drop', 'drop', null])
  })

  it('timeout: executed but unanswered; the retry with the same key replays, still one charge', async () => {
    const open = await openInvoice()
    fake.injectFault('timeout', { match: (req) => req.path.endsWith('/pay') })
    const err = await failure(stripe.invoices.pay(open.id, {}, { idempotencyKey: 'pay-1' }))
    expect(err).toBeInstanceOf(Stripe.errors.StripeConnectionError)
    expect(fake.charges).toHaveLength(1)
    const replay = await stripe.invoices.pay(open.id, {}, { idempotencyKey: 'pay-1' })
    expect(replay.status).toBe('paid')
    expect(replay.lastResponse.headers['idempotent-replayed']).toBe('true')
    expect(fake.charges).toHaveLength(1)
  })

  it('a seeded fault rate faults the same requests for the same seed, and rate 0 stops it', async () => {
    const faultsFor = async (seed: number): Promise<(Fault | null)[]> => {
      const other = await startFakeStripe()
      try {
        other.setFaultRate(0.4, ['server_error', 'rate_limit', 'lock_timeout'], seed)
        const client = sdk(other)
        for (let i = 0; i < 20; i += 1) await client.balance.retrieve().catch(() => undefined)
        other.setFaultRate(0, [], seed)
        await client.balance.retrieve()
        return other.requests.map((r) => r.fault ?? null)
      } finally {
        await other.close()
      }
    }
    const once = await faultsFor(7)
    expect(await faultsFor(7)).toEqual(once)
    expect(await faultsFor(8)).not.toEqual(once)
    expect(once.filter((f) => f !== null).length).toBeGreaterThan(2)
    expect(once.at(-1)).toBeNull()
  })
})

describe('fake Stripe: events, auth and routing', () => {
  it('lists events newest first, pages with starting_after / ending_before, filters created[gte]', async () => {
    for (let i = 1; i <= 5; i += 1) {
      fake.emitEvent('customer.updated', { id: `cus_${i}`, object: 'customer' })
      fake.clock.advance(60)
    }
    const dispute = fake.emitEvent('charge.dispute.created', {
      id: 'dp_1',
      object: 'dispute',
      amount: 1300,
    })
    const ids = fake.events.map((e) => e.id).reverse()
    const first = await stripe.events.list({ limit: 2 })
    expect(first.data.map((e) => e.id)).toEqual(ids.slice(0, 2))
    expect(first.data[0]).toMatchObject({
      id: dispute.id,
      type: 'charge.dispute.created',
      object: 'event',
    })
    expect(first.has_more).toBe(true)
    const next = await stripe.events.list({ limit: 10, starting_after: ids[1] })
    expect(next.data.map((e) => e.id)).toEqual(ids.slice(2))
    expect(next.has_more).toBe(false)
    const newer = await stripe.events.list({ limit: 2, ending_before: ids[4] })
    expect(newer.data.map((e) => e.id)).toEqual(ids.slice(2, 4))
    expect(newer.has_more).toBe(true)
    const recent = await stripe.events.list({ created: { gte: 1_790_000_000 + 180 } })
    expect(recent.data.map((e) => e.id)).toEqual(ids.slice(0, 3))
  })

  it('records each event with the request and idempotency key that caused it', async () => {
    const customer = await stripe.customers.create({ name: 'Acme' })
    await stripe.customers.update(
      customer.id,
      { email: 'billing@acme.example' },
      { idempotencyKey: 'upd-1' },
    )
    const [event] = (await stripe.events.list()).data
    expect(event).toMatchObject({
      type: 'customer.updated',
      created: 1_790_000_000,
      request: { id: fake.requests[1]?.id, idempotency_key: 'upd-1' },
      data: { object: { email: 'billing@acme.example' }, previous_attributes: { email: null } },
    })
  })

  it('rejects bad API keys with StripeAuthenticationError, honouring acceptedKeys', async () => {
    expect(await failure(sdk(fake, 'sk_live_nope').balance.retrieve())).toBeInstanceOf(
      Stripe.errors.StripeAuthenticationError,
    )
    fake.acceptedKeys.add('rk_test_only')
    expect((await failure(stripe.balance.retrieve())).statusCode).toBe(401)
    expect((await sdk(fake, 'rk_test_only').balance.retrieve()).object).toBe('balance')
  })

  it('answers unknown URLs and unknown parameters as Stripe does', async () => {
    const missing = await failure(stripe.customers.retrieve('cus_nope'))
    expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing' })
    const route = await failure(stripe.products.list())
    expect(route.statusCode).toBe(404)
    expect(route.message).toMatch(/^Unrecognized request URL/)
    const unknown = await failure(stripe.customers.create({ name: 'Acme', tax_exempt: 'none' }))
    expect(unknown).toMatchObject({ statusCode: 400, param: 'tax_exempt' })
  })
})
