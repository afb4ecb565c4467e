import Stripe from 'stripe'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startFakeStripe, stripeFailure as failure, type FakeStripe } from '../fakes/stripe'
import { customerOf, openInvoice as openInvoiceOn, sdk } from './fake-stripe-support'

// The fake Stripe through the real SDK: invoices and payments, events, auth and routing.
let fake: FakeStripe
let stripe: Stripe
beforeEach(async () => {
  fake = await startFakeStripe({ now: 1_790_000_000 })
  stripe = sdk(fake)
})
afterEach(() => fake.close())

const openInvoice = (): Promise<Stripe.Invoice> => openInvoiceOn(stripe)

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

  it('marks only an open invoice uncollectible; it can still be paid out of band or voided', async () => {
    const customer = await stripe.customers.create({ name: 'Acme' })
    const draft = await stripe.invoices.create({ customer: customer.id, currency: 'usd' })
    expect((await failure(stripe.invoices.markUncollectible(draft.id))).statusCode).toBe(400)
    const open = await openInvoice()
    const written = await stripe.invoices.markUncollectible(open.id)
    expect(written.status).toBe('uncollectible')
    expect(written.status_transitions.marked_uncollectible_at).toBe(1_790_000_000)
    expect(fake.events.at(-1)?.type).toBe('invoice.marked_uncollectible')
    expect((await failure(stripe.invoices.markUncollectible(open.id))).statusCode).toBe(400)
    const paid = await stripe.invoices.pay(open.id, { paid_out_of_band: true })
    expect(paid).toMatchObject({ status: 'paid', amount_paid_off_stripe: 1300 })
    expect(fake.charges).toHaveLength(0)

    const other = await openInvoice()
    await stripe.invoices.markUncollectible(other.id)
    expect((await stripe.invoices.voidInvoice(other.id)).status).toBe('void')
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
