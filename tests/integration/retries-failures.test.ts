import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { dunningReasonPrefix } from '../../src-main/retries/dunning'
import {
  collection,
  fail,
  insufficientFunds,
  networkDown,
  queueOperation,
  retriesTestApp,
  serverError,
  subscriptionStatus,
  type RetriesTestApp,
} from './retries-support'

let app: RetriesTestApp
beforeEach(async () => {
  app = await retriesTestApp()
})
afterEach(() => app.close())

const get = (id: number) => invoke(app.dispatch, 'retries:get', { id })
const minutes = (n: number) => n * 60_000

describe('recording failures', () => {
  it('keeps one record per operation and appends attempts 1, 2, 3 with their history', async () => {
    const { subject } = await collection(app)
    const first = fail(app, subject, networkDown)
    expect(first).toEqual({
      failureId: first.failureId,
      strategy: 'exponential',
      // base 60 s, jitter at its middle: 45 s
      nextAttemptAt: '2026-11-03T09:00:45.000Z',
      keyConsumed: false,
      movedToManual: false,
    })
    app.clock.advance(minutes(1))
    const second = fail(app, subject, serverError)
    app.clock.advance(minutes(2))
    const third = fail(app, subject, networkDown)
    expect([second.failureId, third.failureId]).toEqual([first.failureId, first.failureId])
    expect(third.nextAttemptAt).toBe('2026-11-03T09:06:00.000Z') // 240 s step → 180 s

    const detail = await get(first.failureId)
    expect(detail).toMatchObject({
      operation: 'invoice.collect',
      customerId: 'acme',
      customerName: 'Acme Analytics',
      invoiceNumber: 'MB-2026-000001',
      amountMinor: 11_900,
      currency: 'USD',
      errorType: 'connection_error',
      strategy: 'exponential',
      attempts: 3,
      maxAttempts: 6,
      status: 'open',
      createdAt: '2026-11-03T09:00:00.000Z',
      updatedAt: '2026-11-03T09:03:00.000Z',
      context: { stripeInvoiceId: `in_${subject.invoiceId}`, step: 'pay' },
    })
    expect(detail.message).toContain('Stripe could not be reached')
    expect(
      detail.history.map((a) => [a.number, a.at, a.errorType, a.httpStatus, a.operator]),
    ).toEqual([
      [1, '2026-11-03T09:00:00.000Z', 'connection_error', null, 'processor'],
      [2, '2026-11-03T09:01:00.000Z', 'api_error', 500, 'processor'],
      [3, '2026-11-03T09:03:00.000Z', 'connection_error', null, 'processor'],
    ])
    expect(detail.history[1]).toMatchObject({
      requestId: 'req_500',
      message: 'An unknown error occurred',
      nextAttemptAt: '2026-11-03T09:02:30.000Z',
    })
  })

  it('gives each operation its own record', async () => {
    const { subject } = await collection(app)
    const push = queueOperation(app, { operation: 'invoice.push', invoiceId: subject.invoiceId })
    const a = fail(app, subject)
    const b = fail(app, { ...subject, operation: 'invoice.push', outboxId: push })
    expect(a.failureId).not.toBe(b.failureId)
    expect(app.db.prepare('SELECT count(*) FROM payment_failure').pluck().get()).toBe(2)
  })

  it('collects failures of an operation without an outbox row (event sync) on one open record', () => {
    const sync = {
      operation: 'events.sync' as const,
      outboxId: null,
      customerRowId: null,
      invoiceId: null,
      amountMinor: null,
      currency: null,
      context: { cursor: 1_793_000_000 },
    }
    const a = fail(app, sync)
    const b = fail(app, sync)
    expect(b.failureId).toBe(a.failureId)
    expect(app.db.prepare('SELECT attempts FROM payment_failure').pluck().get()).toBe(2)
  })

  it('audits each failure with the operator', async () => {
    const { subject } = await collection(app)
    const { failureId } = fail(app, subject)
    const audit = await invoke(app.dispatch, 'audit:list', {
      entityType: 'payment_failure',
      entityId: String(failureId),
    })
    expect(audit.entries).toHaveLength(1)
    expect(audit.entries[0]).toMatchObject({
      action: 'retries:failed',
      operator: 'processor',
      before: null,
      after: { status: 'open', strategy: 'exponential', attempts: 1 },
    })
  })

  it('tells the processor to replay the key after a timeout and to use a new one after a decline', async () => {
    const { subject } = await collection(app)
    expect(fail(app, subject, networkDown).keyConsumed).toBe(false)
    expect(fail(app, subject, insufficientFunds).keyConsumed).toBe(true)
  })
})

describe('when no automatic attempt is left', () => {
  it('hands a hard decline to a person at once and makes the subscription past due', async () => {
    const { subject, invoice } = await collection(app)
    const outcome = fail(app, subject, insufficientFunds)
    expect(outcome).toMatchObject({ strategy: 'manual', nextAttemptAt: null, movedToManual: true })
    const detail = await get(outcome.failureId)
    expect(detail).toMatchObject({
      strategy: 'manual',
      attempts: 1,
      maxAttempts: 1,
      declineCode: 'insufficient_funds',
    })
    expect(detail.message).toBe(
      'The card was declined for insufficient funds: the customer must pay another way or update the card. (Stripe: Your card has insufficient funds.)',
    )
    expect(subscriptionStatus(app)).toBe('past_due')
    const transition = app.db
      .prepare('SELECT to_status, reason, operator FROM subscription_transition ORDER BY id DESC')
      .get()
    expect(transition).toEqual({
      to_status: 'past_due',
      reason: `Payment failed for invoice ${invoice.number}: it cannot be retried automatically`,
      operator: 'processor',
    })
    expect(String((transition as { reason: string }).reason).startsWith(dunningReasonPrefix)).toBe(
      true,
    )
    const audit = await invoke(app.dispatch, 'audit:list', { operator: 'processor' })
    expect(audit.entries.map((e) => [e.action, e.entityType])).toEqual(
      expect.arrayContaining([
        ['retries:manual', 'payment_failure'],
        ['retries:dunning', 'subscription'],
      ]),
    )
  })

  it('moves to manual after the last attempt the settings allow (3), once', async () => {
    const retry = (await invoke(app.dispatch, 'settings:get', {})).payments.retry
    await invoke(app.dispatch, 'settings:update', {
      payments: {
        ...(await invoke(app.dispatch, 'settings:get', {})).payments,
        retry: { ...retry, maxAttempts: { ...retry.maxAttempts, exponential: 3 } },
      },
    })
    const { subject, invoice } = await collection(app)
    expect(fail(app, subject).movedToManual).toBe(false)
    expect(fail(app, subject).movedToManual).toBe(false)
    expect(subscriptionStatus(app)).toBe('active')
    const third = fail(app, subject)
    expect(third).toMatchObject({ strategy: 'manual', nextAttemptAt: null, movedToManual: true })
    expect(subscriptionStatus(app)).toBe('past_due')
    expect(
      app.db.prepare('SELECT reason FROM subscription_transition ORDER BY id DESC').pluck().get(),
    ).toBe(`Payment failed for invoice ${invoice.number}: retries exhausted`)

    // A person's retry that fails again goes back to the queue without moving anything twice.
    app.db.prepare('UPDATE payment_failure SET retry_requested = 1').run()
    const fourth = fail(app, subject)
    expect(fourth).toMatchObject({ strategy: 'manual', movedToManual: false })
    expect(app.db.prepare('SELECT retry_requested, attempts FROM payment_failure').get()).toEqual({
      retry_requested: 0,
      attempts: 4,
    })
  })

  it('leaves the subscription alone when what failed is not a collection', async () => {
    const { subject } = await collection(app)
    const push = queueOperation(app, { operation: 'invoice.push', invoiceId: subject.invoiceId })
    const outcome = fail(
      app,
      { ...subject, operation: 'invoice.push', outboxId: push },
      {
        ...networkDown,
        type: 'authentication_error',
        httpStatus: 401,
      },
    )
    expect(outcome.movedToManual).toBe(true)
    expect(subscriptionStatus(app)).toBe('active')
  })
})

describe('a strategy a person chose', () => {
  it('stays through transient errors but yields to one retrying cannot fix', async () => {
    const { subject } = await collection(app)
    const { failureId } = fail(app, subject)
    await invoke(app.dispatch, 'retries:act', {
      ids: [failureId],
      action: { kind: 'change-strategy', strategy: 'fixed' },
    })
    const again = fail(app, subject, networkDown)
    expect(again).toMatchObject({ strategy: 'fixed', nextAttemptAt: '2026-11-03T09:15:00.000Z' })
    expect(fail(app, subject, insufficientFunds)).toMatchObject({
      strategy: 'manual',
      movedToManual: true,
    })
  })
})
