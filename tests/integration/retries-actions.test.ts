import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import type { FailureAction } from '../../src-shared/domain/payments'
import {
  collection,
  fail,
  insufficientFunds,
  networkDown,
  queueOperation,
  retriesTestApp,
  subscriptionStatus,
  type RetriesTestApp,
} from './retries-support'

let app: RetriesTestApp
beforeEach(async () => {
  app = await retriesTestApp()
})
afterEach(() => app.close())

const act = (ids: number[], action: FailureAction) =>
  invoke(app.dispatch, 'retries:act', { ids, action })
const get = (id: number) => invoke(app.dispatch, 'retries:get', { id })
const invoiceStatus = (id: number) =>
  app.db.prepare('SELECT status FROM invoice WHERE id = ?').pluck().get(id)
const outboxStatus = (id: number | null) =>
  app.db.prepare('SELECT status FROM outbox WHERE id = ?').pluck().get(id)
const auditOf = async (id: number) =>
  (
    await invoke(app.dispatch, 'audit:list', {
      entityType: 'payment_failure',
      entityId: String(id),
    })
  ).entries

/** An open collection failure, manual (a hard decline) or automatic (a network error). */
const failed = async (kind: 'manual' | 'automatic', customer = 'acme') => {
  const { subject, invoice } = await collection(app, customer)
  const { failureId } = fail(app, subject, kind === 'manual' ? insufficientFunds : networkDown)
  return { failureId, invoice, outboxId: subject.outboxId }
}

describe('retry now', () => {
  it('asks the processor for an attempt at its next pass, also of a manual, snoozed record', async () => {
    const { failureId } = await failed('manual')
    await act([failureId], { kind: 'snooze', until: '2026-11-10T00:00:00.000Z' })
    app.clock.advance(60_000)
    const result = await act([failureId], { kind: 'retry-now' })
    expect(result.skipped).toEqual([])
    expect(result.updated[0]).toMatchObject({
      id: failureId,
      strategy: 'manual',
      nextAttemptAt: '2026-11-03T09:01:00.000Z',
      snoozedUntil: null,
    })
    expect(app.db.prepare('SELECT retry_requested FROM payment_failure').pluck().get()).toBe(1)
    const [entry] = await auditOf(failureId)
    expect(entry).toMatchObject({
      action: 'retries:act',
      operator: 'tester',
      before: { retryRequested: false },
      after: { retryRequested: true, action: 'retry-now' },
    })
  })
})

describe('changing the strategy', () => {
  it('to fixed: schedules from now and keeps the attempts', async () => {
    const { subject } = await collection(app)
    fail(app, subject)
    const { failureId } = fail(app, subject)
    const { updated } = await act([failureId], { kind: 'change-strategy', strategy: 'fixed' })
    expect(updated[0]).toMatchObject({
      strategy: 'fixed',
      attempts: 2,
      maxAttempts: 5,
      nextAttemptAt: '2026-11-03T09:15:00.000Z',
    })
  })

  it('to automatic after the last attempt: always at least one more try', async () => {
    const { failureId } = await failed('manual')
    const { updated } = await act([failureId], { kind: 'change-strategy', strategy: 'immediate' })
    expect(updated[0]).toMatchObject({
      strategy: 'immediate',
      attempts: 1,
      maxAttempts: 3,
      nextAttemptAt: '2026-11-03T09:00:00.000Z',
    })
    app.db.prepare('UPDATE payment_failure SET attempts = 6').run()
    const again = await act([failureId], { kind: 'change-strategy', strategy: 'exponential' })
    expect(again.updated[0]?.maxAttempts).toBe(7)
    // The 6th step of 60 s doubling is 1,920 s; equal jitter keeps the delay in [960, 1920].
    const delay =
      (Date.parse(again.updated[0]?.nextAttemptAt ?? '') - app.clock.now().getTime()) / 1000
    expect(delay).toBeGreaterThanOrEqual(960)
    expect(delay).toBeLessThanOrEqual(1920)
  })

  it('to an automatic one while snoozed: the first attempt waits for the snooze to end', async () => {
    const { failureId } = await failed('manual')
    await act([failureId], { kind: 'snooze', until: '2026-11-04T09:00:00.000Z' })
    const { updated } = await act([failureId], { kind: 'change-strategy', strategy: 'fixed' })
    expect(updated[0]).toMatchObject({
      strategy: 'fixed',
      nextAttemptAt: '2026-11-04T09:00:00.000Z',
    })
  })

  it('to manual: nothing is planned any more', async () => {
    const { failureId } = await failed('automatic')
    const { updated } = await act([failureId], { kind: 'change-strategy', strategy: 'manual' })
    expect(updated[0]).toMatchObject({ strategy: 'manual', nextAttemptAt: null })
    const [entry] = await auditOf(failureId)
    expect(entry?.after).toMatchObject({ action: 'change-strategy', strategy: 'manual' })
  })
})

describe('snoozing', () => {
  it('sets the date and puts off an automatic attempt until then', async () => {
    const { failureId } = await failed('automatic')
    const { updated } = await act([failureId], {
      kind: 'snooze',
      until: '2026-11-05T12:00:00+01:00',
    })
    expect(updated[0]).toMatchObject({
      snoozedUntil: '2026-11-05T11:00:00.000Z',
      nextAttemptAt: '2026-11-05T11:00:00.000Z',
    })
  })

  it('refuses a date in the past', async () => {
    const { failureId } = await failed('automatic')
    await expect(
      act([failureId], { kind: 'snooze', until: '2026-11-03T08:59:00.000Z' }),
    ).rejects.toMatchObject({ code: 'validation_failed' })
    expect((await get(failureId)).snoozedUntil).toBeNull()
  })
})

describe('resolving', () => {
  it('closes the record with the note, cancels the operation and marks the invoice paid', async () => {
    const { failureId, invoice, outboxId } = await failed('manual')
    app.clock.advance(3_600_000)
    const { updated } = await act([failureId], { kind: 'resolve', note: 'Paid by bank transfer' })
    expect(updated[0]).toMatchObject({
      status: 'resolved',
      resolutionNote: 'Paid by bank transfer',
      resolvedBy: 'tester',
      resolvedAt: '2026-11-03T10:00:00.000Z',
      nextAttemptAt: null,
    })
    expect(invoiceStatus(invoice.id)).toBe('paid')
    expect(outboxStatus(outboxId)).toBe('canceled')
    const [entry] = await auditOf(failureId)
    expect(entry).toMatchObject({
      operator: 'tester',
      before: { status: 'open' },
      after: { status: 'resolved', action: 'resolve', note: 'Paid by bank transfer' },
    })
    const invoiceAudit = await invoke(app.dispatch, 'audit:list', { entityId: invoice.number })
    expect(invoiceAudit.entries[0]).toMatchObject({
      action: 'retries:act',
      after: { status: 'paid', note: 'Paid by bank transfer' },
    })
  })

  it('lifts the past-due status the failed payment caused, unless another one still fails', async () => {
    const first = await failed('manual')
    const second = await failed('manual')
    expect(subscriptionStatus(app)).toBe('past_due')
    await act([second.failureId], { kind: 'resolve', note: 'Paid by cheque' })
    expect(subscriptionStatus(app)).toBe('past_due')
    await act([first.failureId], { kind: 'resolve', note: 'Paid by bank transfer' })
    expect(subscriptionStatus(app)).toBe('active')
    const audit = await invoke(app.dispatch, 'audit:list', { entityType: 'subscription' })
    expect(audit.entries[0]).toMatchObject({
      operator: 'tester',
      before: { status: 'past_due' },
      after: { status: 'active' },
    })
  })

  it('leaves the invoice alone when what failed was not its collection', async () => {
    const { subject, invoice } = await collection(app)
    const push = queueOperation(app, { operation: 'invoice.push', invoiceId: invoice.id })
    const { failureId } = fail(app, { ...subject, operation: 'invoice.push', outboxId: push })
    await act([failureId], { kind: 'resolve', note: 'Pushed by hand in the Stripe dashboard' })
    expect(invoiceStatus(invoice.id)).toBe('finalized')
    expect(outboxStatus(push)).toBe('canceled')
  })
})

describe('writing off', () => {
  it('closes the record, cancels the operation and makes the invoice uncollectible', async () => {
    const { failureId, invoice, outboxId } = await failed('manual')
    const { updated } = await act([failureId], {
      kind: 'write-off',
      note: 'Customer went bankrupt',
    })
    expect(updated[0]).toMatchObject({
      status: 'written_off',
      resolutionNote: 'Customer went bankrupt',
    })
    expect(invoiceStatus(invoice.id)).toBe('uncollectible')
    expect(outboxStatus(outboxId)).toBe('canceled')
    // Written off is not paid: the dunning policy runs its course.
    expect(subscriptionStatus(app)).toBe('past_due')
  })
})

describe('in bulk', () => {
  it('acts on the open records and says why the others were skipped', async () => {
    const a = await failed('manual')
    const b = await failed('automatic', 'globex')
    const c = await failed('manual')
    await act([c.failureId], { kind: 'resolve', note: 'Paid in cash' })
    const result = await act([a.failureId, b.failureId, c.failureId, 999], {
      kind: 'write-off',
      note: 'Year-end clean-up',
    })
    expect(result.updated.map((f) => [f.id, f.status])).toEqual([
      [a.failureId, 'written_off'],
      [b.failureId, 'written_off'],
    ])
    expect(result.skipped).toEqual([
      { id: c.failureId, reason: 'It is already resolved and cannot be written off.' },
      { id: 999, reason: 'There is no failed operation number 999.' },
    ])
    expect([
      invoiceStatus(a.invoice.id),
      invoiceStatus(b.invoice.id),
      invoiceStatus(c.invoice.id),
    ]).toEqual(['uncollectible', 'uncollectible', 'paid'])
  })

  it('does not close a record whose operation is being sent right now', async () => {
    const { failureId, outboxId } = await failed('manual')
    app.db
      .prepare(
        `UPDATE outbox SET status = 'sending', claimed_by = 'p1',
           claimed_until = '2026-11-03T09:05:00.000Z' WHERE id = ?`,
      )
      .run(outboxId)
    await expect(act([failureId], { kind: 'resolve', note: 'Paid' })).rejects.toMatchObject({
      code: 'conflict',
      message: 'Nothing was resolved: It is being sent to Stripe right now: try again in a minute.',
    })
    app.clock.advance(10 * 60_000) // the claim has run out: the processor is gone
    expect((await act([failureId], { kind: 'resolve', note: 'Paid' })).updated).toHaveLength(1)
  })

  it('refuses when none of them can be acted on, changing nothing', async () => {
    const { failureId } = await failed('manual')
    await act([failureId], { kind: 'resolve', note: 'Paid in cash' })
    await expect(act([failureId], { kind: 'retry-now' })).rejects.toMatchObject({
      code: 'conflict',
      message: 'Nothing was retried: It is already resolved and cannot be retried.',
    })
    expect(app.db.prepare('SELECT retry_requested FROM payment_failure').pluck().get()).toBe(0)
  })
})
