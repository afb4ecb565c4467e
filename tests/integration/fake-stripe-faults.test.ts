import Stripe from 'stripe'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  startFakeStripe,
  stripeFailure as failure,
  type FakeStripe,
  type Fault,
} from '../fakes/stripe'
import { customerOf, openInvoice as openInvoiceOn, sdk } from './fake-stripe-support'

// The fake Stripe through the real SDK: Stripe's idempotency and the faults it injects.
let fake: FakeStripe
let stripe: Stripe
beforeEach(async () => {
  fake = await startFakeStripe({ now: 1_790_000_000 })
  stripe = sdk(fake)
})
afterEach(() => fake.close())

const openInvoice = (): Promise<Stripe.Invoice> => openInvoiceOn(stripe)

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
