import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { recordSuccess, resolveForOutbox } from '../../src-main/retries/failure-store'
import {
  collection,
  fail,
  insufficientFunds,
  networkDown,
  retriesTestApp,
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

describe('recording success', () => {
  it('resolves the record with the attempt that worked, leaving a dunned subscription to the payments side', async () => {
    const { subject } = await collection(app)
    fail(app, subject, networkDown)
    const { failureId } = fail(app, subject, insufficientFunds)
    expect(subscriptionStatus(app)).toBe('past_due')
    app.clock.advance(minutes(30))
    app.db.transaction(() =>
      recordSuccess(app.db, failureId, {
        now: app.clock.now(),
        operator: 'processor',
        requestId: 'req_ok',
      }),
    )()
    const detail = await get(failureId)
    expect(detail).toMatchObject({
      status: 'resolved',
      attempts: 3,
      nextAttemptAt: null,
      resolutionNote: 'Succeeded on attempt 3',
      resolvedBy: 'processor',
      resolvedAt: '2026-11-03T09:30:00.000Z',
    })
    expect(detail.history.map((a) => [a.number, a.outcome])).toEqual([
      [1, 'failed'],
      [2, 'failed'],
      [3, 'succeeded'],
    ])
    expect(detail.history[2]?.requestId).toBe('req_ok')
    expect(subscriptionStatus(app)).toBe('past_due')
    const audit = await invoke(app.dispatch, 'audit:list', { action: 'retries:succeeded' })
    expect(audit.entries[0]).toMatchObject({
      entityId: String(failureId),
      operator: 'processor',
      after: { status: 'resolved', resolutionNote: 'Succeeded on attempt 3' },
    })
  })

  it('reopens the same record when its operation fails again later', async () => {
    const { subject } = await collection(app)
    const { failureId } = fail(app, subject)
    app.db.transaction(() =>
      recordSuccess(app.db, failureId, {
        now: app.clock.now(),
        operator: 'processor',
        requestId: null,
      }),
    )()
    const again = fail(app, subject)
    expect(again.failureId).toBe(failureId)
    expect(await get(failureId)).toMatchObject({
      status: 'open',
      attempts: 3,
      resolutionNote: null,
    })
  })

  it('keeps the attempt history append-only', async () => {
    const { subject } = await collection(app)
    fail(app, subject)
    expect(() => app.db.prepare('UPDATE payment_attempt SET message = NULL').run()).toThrow(
      'append-only',
    )
  })
})

describe('an operation called off', () => {
  it('closes its open failure with the note, audited', async () => {
    const { subject } = await collection(app)
    const { failureId } = fail(app, subject)
    const outboxId = subject.outboxId ?? 0
    const closed = app.db.transaction(() =>
      resolveForOutbox(app.db, outboxId, 'Invoice voided', {
        now: app.clock.now(),
        operator: 'tester',
      }),
    )()
    expect(closed).toBe(failureId)
    expect(await get(failureId)).toMatchObject({
      status: 'resolved',
      resolutionNote: 'Invoice voided',
      resolvedBy: 'tester',
    })
    expect(
      resolveForOutbox(app.db, outboxId, 'again', { now: app.clock.now(), operator: 'tester' }),
    ).toBeNull()
    const audit = await invoke(app.dispatch, 'audit:list', { action: 'retries:called-off' })
    expect(audit.entries.map((e) => e.entityId)).toEqual([String(failureId)])
  })

  it('answers not found for an id that does not exist', async () => {
    await expect(get(4242)).rejects.toMatchObject({
      code: 'not_found',
      message: 'There is no failed operation number 4242.',
    })
  })
})
