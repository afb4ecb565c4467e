import type { FailureOperation, RetryStrategy } from '../../src-shared/domain/payments'
import type { ProviderFailure } from '../payments/provider'

/** What a failure means for the next attempt. */
export type Classification = {
  strategy: RetryStrategy
  /**
   * Stripe answered and stored that answer against the idempotency key: replaying the key would
   * only replay the answer, so the next attempt must use a new key generation.
   */
  keyConsumed: boolean
  retryAfterSeconds: number | null
  /** One sentence a finance clerk understands. */
  reason: string
}

/** Operations that must not wait through a backoff (money owed back to a customer). */
const urgentOperations: readonly FailureOperation[] = ['refund.create']

/** Card declines a later attempt may get through: the issuer or the network, not the card. */
const transientCardCodes: Record<string, string> = {
  processing_error: 'the card network had a processing error',
  try_again_later: 'the bank asked to try again later',
  issuer_not_available: 'the card issuer could not be reached',
  reenter_transaction: 'the bank asked for the payment to be tried again',
  approve_with_id: 'the bank could not approve it yet',
}

/** Card declines only the customer can fix, with what to tell them. */
const cardReasons: Record<string, string> = {
  insufficient_funds: 'The card was declined for insufficient funds',
  expired_card: 'The card has expired',
  card_declined: 'The card was declined',
  generic_decline: 'The card was declined',
  do_not_honor: 'The card was declined by the bank (do not honor)',
  lost_card: 'The card was reported lost',
  stolen_card: 'The card was reported stolen',
  fraudulent: 'The bank declined the card as suspected fraud',
  incorrect_cvc: 'The card security code (CVC) was wrong',
  incorrect_number: 'The card number is wrong',
  authentication_required: 'The bank requires the customer to authenticate the payment',
  card_velocity_exceeded: 'The card has reached its spending limit',
  pickup_card: 'The bank asked to withhold the card',
}

const cardAdvice = 'the customer must pay another way or update the card.'

const classified = (
  strategy: RetryStrategy,
  keyConsumed: boolean,
  reason: string,
  retryAfterSeconds: number | null = null,
): Classification => ({ strategy, keyConsumed, retryAfterSeconds, reason })

const base = (failure: ProviderFailure): Classification => {
  const { type, code, declineCode } = failure
  // Lock timeouts and rate limits come back as 429s whatever their type: nothing was stored
  // against the key, and the same key must be replayed.
  if (code === 'lock_timeout')
    return classified(
      'fixed',
      false,
      'Stripe was busy with another change to the same record: it will be tried again shortly.',
      failure.retryAfterSeconds,
    )
  if (
    type === 'rate_limit_error' ||
    code === 'rate_limit' ||
    (failure.httpStatus === 429 && type !== 'card_error')
  )
    return classified(
      'exponential',
      false,
      'Stripe asked us to slow down (too many requests): it will be tried again later.',
      failure.retryAfterSeconds,
    )
  switch (type) {
    case 'connection_error':
      return classified(
        'exponential',
        false,
        'Stripe could not be reached (no connection or no answer in time): it will be tried again later.',
      )
    case 'api_error':
      return classified(
        'exponential',
        false,
        'Stripe had a temporary problem on its side: it will be tried again later.',
      )
    case 'idempotency_error':
      return code === 'idempotency_key_in_use'
        ? classified(
            'fixed',
            false,
            'The same request was still being processed by Stripe: it will be tried again shortly.',
          )
        : classified(
            'manual',
            true,
            'Stripe refused the request because it did not match an earlier one with the same reference: a person must check it.',
          )
    case 'card_error': {
      const transient = [declineCode, code].find(
        (c): c is string => c !== null && c in transientCardCodes,
      )
      if (transient !== undefined)
        return classified(
          'exponential',
          true,
          `The payment did not go through because ${transientCardCodes[transient]}: it will be tried again later.`,
        )
      const known = [declineCode, code].find((c): c is string => c !== null && c in cardReasons)
      const what = known === undefined ? 'The card was declined' : cardReasons[known]
      return classified('manual', true, `${what}: ${cardAdvice}`)
    }
    case 'authentication_error':
      return classified(
        'manual',
        true,
        'Stripe did not accept our API key: check the Stripe key in Settings.',
      )
    case 'permission_error':
      return classified(
        'manual',
        true,
        'Our Stripe key is not allowed to do this: use a key with more permissions in Settings.',
      )
    case 'invalid_request_error':
      return classified(
        'manual',
        true,
        'Stripe refused the request as invalid (for example a missing payment method or a wrong amount): a person must check it.',
      )
    case 'internal_error':
      // Ours, not Stripe's: a step here refused (the invoice changed meanwhile, amounts differ).
      return classified(
        'manual',
        false,
        'Meterbook could not complete this step itself (the invoice or customer changed meanwhile, or the amounts differ): a person must check it.',
      )
    default:
      // Unknown: replaying the same key can at worst repeat this error, a new one could repeat
      // the work.
      return classified(
        'manual',
        false,
        `Stripe reported an unexpected kind of error (${type}): a person must check it.`,
      )
  }
}

/**
 * Decides from Stripe's error type and codes (never the message text) how a failed operation is
 * retried; urgent operations skip the backoff.
 */
export const classify = (failure: ProviderFailure, operation: FailureOperation): Classification => {
  const result = base(failure)
  if (result.strategy !== 'manual' && urgentOperations.includes(operation))
    return { ...result, strategy: 'immediate' }
  return result
}

/** True when retrying cannot fix this error (a person's strategy choice yields to it). */
export const cannotBeRetried = (failure: ProviderFailure, operation: FailureOperation): boolean =>
  classify(failure, operation).strategy === 'manual'
