import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import type { BatchWrite } from '../../src-main/billing/batch-write'
import { openBatchWriter } from '../../src-main/billing/batch-writer'
import { Biller } from '../../src-main/billing/biller'
import { choosePeriod } from '../../src-main/billing/period-choice'
import { loadSubscriptions } from '../../src-main/billing/subscriptions'
import { addEvents, billingTestApp, type BillingTestApp } from './billing-support'

// The worker as `npm run build` makes it: the sources have none to start.
const worker = fileURLToPath(new URL('../../out/main/billing-writer.js', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'mb-batch-writer-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let ledgers = 0
const fileLedger = async (): Promise<BillingTestApp> => {
  ledgers += 1
  const app = await billingTestApp({ ledgerPath: join(dir, `ledger-${ledgers}.sqlite`) })
  addEvents(app.db, 'acme', [['e1', 'api_calls', '150000', '2026-10-03T10:00:00Z']])
  return app
}

/** October's batch of the ledger's subscriptions, planned as a run plans it. */
const octoberBatch = (app: BillingTestApp): BatchWrite => {
  const now = new Date('2026-11-15T12:00:00.000Z')
  const biller = new Biller(app.db, { now, runId: 'run-1', dryRun: false })
  const planned = loadSubscriptions(app.db).map((sub) =>
    biller.plan(
      sub,
      choosePeriod(sub, biller.book, { period: '2026-10', now, timeZone: biller.timeZone }),
    ),
  )
  return {
    runId: 'run-1',
    lock: { name: 'billing', holder: 'tester' },
    startedAt: now,
    at: now,
    items: planned.map((p) => p.item),
    drafts: planned.map((p) => p.draft ?? null),
  }
}

const invoiceTotals = (app: BillingTestApp): { subscription_id: number; total_minor: number }[] =>
  app.db
    .prepare<[], { subscription_id: number; total_minor: number }>(
      'SELECT subscription_id, total_minor FROM invoice ORDER BY subscription_id',
    )
    .all()

describe.skipIf(!existsSync(worker))("a billing run's batch writer", () => {
  it('writes in a worker thread on a ledger file what the run would write in its own', async () => {
    const inWorker = await fileLedger()
    const writer = await openBatchWriter(inWorker.db, worker)
    expect(writer.kind).toBe('worker')
    const items = await writer.write(octoberBatch(inWorker))
    await writer.close()

    const inThread = await fileLedger()
    const own = await openBatchWriter(inThread.db, join(dir, 'no-such-worker.js'))
    expect(own.kind).toBe('thread')
    const ownItems = await own.write(octoberBatch(inThread))

    expect(items.map((i) => [i.customerId, i.outcome, i.totalMinor])).toEqual(
      ownItems.map((i) => [i.customerId, i.outcome, i.totalMinor]),
    )
    expect(items.find((i) => i.customerId === 'acme')).toMatchObject({ outcome: 'created' })
    expect(invoiceTotals(inWorker)).toEqual(invoiceTotals(inThread))
    expect(invoiceTotals(inWorker)).toHaveLength(1)
    // The run items went in with the drafts.
    expect(inWorker.db.prepare('SELECT count(*) FROM billing_run_item').pluck().get()).toBe(
      items.length,
    )
  })

  it('refuses every batch after one that failed, and keeps nothing of the failed one', async () => {
    const app = await fileLedger()
    const writer = await openBatchWriter(app.db, worker)
    const broken = octoberBatch(app)
    // A total that is not subtotal − discount − credit + tax: the invoice's CHECK refuses it.
    const draft = broken.drafts.find((d) => d !== null)
    if (draft) draft.rows.invoice[8] = 1
    const first = writer.write(broken)
    const second = writer.write(octoberBatch(app))
    await expect(first).rejects.toThrow(/CHECK constraint failed/)
    await expect(second).rejects.toThrow(/CHECK constraint failed/)
    await writer.close()
    expect(invoiceTotals(app)).toEqual([])
    expect(app.db.prepare('SELECT count(*) FROM billing_run_item').pluck().get()).toBe(0)
  })

  it("reads a window's usage sums on its own connection, in order with the writes", async () => {
    const app = await fileLedger()
    addEvents(app.db, 'acme', [
      ['e2', 'api_calls', '2500.5', '2026-10-31T23:59:59Z'],
      ['e3', 'api_calls', '7', '2026-11-01T00:00:00Z'],
    ])
    const writer = await openBatchWriter(app.db, worker)
    expect(writer.kind).toBe('worker')
    const october = { from: new Date('2026-10-01T00:00:00Z'), to: new Date('2026-11-01T00:00:00Z') }
    const written = writer.write(octoberBatch(app))
    const part = await writer.sums(october, { first: 1, last: 1 })
    await written
    await writer.close()
    // The November event is outside the window; the last second of October is in it.
    expect(part).toEqual({
      window: october,
      customers: { first: 1, last: 1 },
      ids: [1],
      metrics: ['api_calls'],
      sums: ['152500.5'],
    })
    // Read after the batch before it was written: the worker answers in the order asked.
    expect(invoiceTotals(app)).toHaveLength(1)
  })

  it('writes in the run thread on an in-memory ledger', async () => {
    const app = await billingTestApp()
    const writer = await openBatchWriter(app.db, worker)
    expect(writer.kind).toBe('thread')
    await writer.write(octoberBatch(app))
    // acme's October: the base fee alone (no usage here).
    expect(invoiceTotals(app)).toEqual([{ subscription_id: 1, total_minor: 1900 }])
  })
})
