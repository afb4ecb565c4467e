import { describe, expect, it } from 'vitest'
import type { FailureOperation, RetryStrategy } from '../../../src-shared/domain/payments'
import type { ProviderFailure } from '../../../src-main/payments/provider'
import { classify } from '../../../src-main/retries/classify'

const failure = (over: Partial<ProviderFailure>): ProviderFailure => ({
  type: 'api_error',
  code: null,
  declineCode: null,
  requestId: 'req_1',
  httpStatus: null,
  message: 'Stripe said something',
  retryAfterSeconds: null,
  ...over,
})

type Row = [
  label: string,
  failure: Partial<ProviderFailure>,
  strategy: RetryStrategy,
  keyConsumed: boolean,
]

const card = (code: string, declineCode: string | null = code): Partial<ProviderFailure> => ({
  type: 'card_error',
  code,
  declineCode,
  httpStatus: 402,
})

const rows: Row[] = [
  ['no answer (network down, timed out)', { type: 'connection_error' }, 'exponential', false],
  ['a 500 from Stripe', { type: 'api_error', httpStatus: 500 }, 'exponential', false],
  ['a 503 from Stripe', { type: 'api_error', httpStatus: 503 }, 'exponential', false],
  [
    'a rate limit',
    { type: 'rate_limit_error', code: 'rate_limit', httpStatus: 429 },
    'exponential',
    false,
  ],
  [
    'a rate limit without a code',
    { type: 'rate_limit_error', httpStatus: 429 },
    'exponential',
    false,
  ],
  [
    'a 429 typed as an invalid request',
    { type: 'invalid_request_error', code: 'rate_limit', httpStatus: 429 },
    'exponential',
    false,
  ],
  [
    'a lock timeout (rate limit type)',
    { type: 'rate_limit_error', code: 'lock_timeout', httpStatus: 429 },
    'fixed',
    false,
  ],
  [
    'a lock timeout (invalid request type)',
    { type: 'invalid_request_error', code: 'lock_timeout', httpStatus: 429 },
    'fixed',
    false,
  ],
  [
    'the same key still in use',
    { type: 'idempotency_error', code: 'idempotency_key_in_use', httpStatus: 409 },
    'fixed',
    false,
  ],
  [
    'the same key with other parameters',
    { type: 'idempotency_error', httpStatus: 400 },
    'manual',
    true,
  ],
  ['card: processing_error', card('processing_error', null), 'exponential', true],
  ['card: try_again_later', card('card_declined', 'try_again_later'), 'exponential', true],
  [
    'card: issuer_not_available',
    card('card_declined', 'issuer_not_available'),
    'exponential',
    true,
  ],
  ['card: reenter_transaction', card('card_declined', 'reenter_transaction'), 'exponential', true],
  ['card: approve_with_id', card('card_declined', 'approve_with_id'), 'exponential', true],
  ['card: insufficient_funds', card('card_declined', 'insufficient_funds'), 'manual', true],
  ['card: expired_card', card('expired_card', null), 'manual', true],
  ['card: generic_decline', card('card_declined', 'generic_decline'), 'manual', true],
  ['card: card_declined without a decline code', card('card_declined', null), 'manual', true],
  ['card: do_not_honor', card('card_declined', 'do_not_honor'), 'manual', true],
  ['card: lost_card', card('card_declined', 'lost_card'), 'manual', true],
  ['card: stolen_card', card('card_declined', 'stolen_card'), 'manual', true],
  ['card: fraudulent', card('card_declined', 'fraudulent'), 'manual', true],
  ['card: incorrect_cvc', card('incorrect_cvc', null), 'manual', true],
  [
    'card: authentication_required',
    card('card_declined', 'authentication_required'),
    'manual',
    true,
  ],
  ['card: a decline code we do not know', card('card_declined', 'new_code_2030'), 'manual', true],
  ['a bad API key', { type: 'authentication_error', httpStatus: 401 }, 'manual', true],
  [
    'a restricted key without the right',
    { type: 'permission_error', httpStatus: 403 },
    'manual',
    true,
  ],
  [
    'an invalid request',
    { type: 'invalid_request_error', code: 'resource_missing', httpStatus: 404 },
    'manual',
    true,
  ],
  ['an error type Stripe adds later', { type: 'brand_new_error' }, 'manual', false],
]

describe('classifying a Stripe failure', () => {
  it.each(rows)('%s → %s, key consumed: %s', (_label, over, strategy, keyConsumed) => {
    const result = classify(failure(over), 'invoice.collect')
    expect(result.strategy).toBe(strategy)
    expect(result.keyConsumed).toBe(keyConsumed)
  })

  it('never reads the message: the same message under another type classifies by the type', () => {
    const message = 'Your card has insufficient funds.'
    expect(classify(failure({ type: 'api_error', message }), 'invoice.collect').strategy).toBe(
      'exponential',
    )
    expect(
      classify(failure({ type: 'connection_error', message: 'insufficient_funds' }), 'invoice.push')
        .strategy,
    ).toBe('exponential')
  })

  it('passes Retry-After on for rate limits and lock timeouts only', () => {
    const limited = failure({ type: 'rate_limit_error', code: 'rate_limit', retryAfterSeconds: 30 })
    expect(classify(limited, 'invoice.collect').retryAfterSeconds).toBe(30)
    const locked = failure({ type: 'rate_limit_error', code: 'lock_timeout', retryAfterSeconds: 2 })
    expect(classify(locked, 'invoice.collect').retryAfterSeconds).toBe(2)
    expect(
      classify(failure({ type: 'api_error', retryAfterSeconds: 30 }), 'invoice.collect')
        .retryAfterSeconds,
    ).toBeNull()
  })

  it.each<[FailureOperation, Partial<ProviderFailure>, RetryStrategy]>([
    ['refund.create', { type: 'connection_error' }, 'immediate'],
    ['refund.create', { type: 'rate_limit_error', code: 'lock_timeout' }, 'immediate'],
    ['refund.create', { type: 'idempotency_error', code: 'idempotency_key_in_use' }, 'immediate'],
    ['refund.create', { type: 'invalid_request_error', code: 'charge_already_refunded' }, 'manual'],
    ['invoice.collect', { type: 'connection_error' }, 'exponential'],
    ['customer.sync', { type: 'api_error' }, 'exponential'],
    ['events.sync', { type: 'connection_error' }, 'exponential'],
  ])('%s failing with %o is retried %s', (operation, over, strategy) => {
    expect(classify(failure(over), operation).strategy).toBe(strategy)
  })

  it('explains a hard decline in a sentence a clerk can act on', () => {
    const result = classify(failure(card('card_declined', 'insufficient_funds')), 'invoice.collect')
    expect(result.reason).toBe(
      'The card was declined for insufficient funds: the customer must pay another way or update the card.',
    )
    expect(classify(failure({ type: 'authentication_error' }), 'invoice.push').reason).toBe(
      'Stripe did not accept our API key: check the Stripe key in Settings.',
    )
  })
})
