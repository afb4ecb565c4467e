import Stripe from 'stripe'
import type { FakeStripe } from './types'

/** The real SDK pointed at the fake, configured as the app configures it (no SDK retries). */
export const stripeClientFor = (
  fake: Pick<FakeStripe, 'port'>,
  options: { key?: string; timeoutMs?: number } = {},
): Stripe =>
  new Stripe(options.key ?? 'sk_test_meterbook', {
    host: '127.0.0.1',
    port: fake.port,
    protocol: 'http',
    maxNetworkRetries: 0,
    timeout: options.timeoutMs ?? 500,
  })

/** Awaits a call that must fail and returns the SDK's error (rethrows anything else). */
export const stripeFailure = async (
  promise: Promise<unknown>,
): Promise<Stripe.errors.StripeError> => {
  try {
    await promise
  } catch (err) {
    if (err instanceof Stripe.errors.StripeError) return err
    throw err
  }
  throw new Error('expected the Stripe call to fail')
}
