import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { closePayments, finalized, paymentsTestApp, type PaymentsTestApp } from './payments-support'

let app: PaymentsTestApp
beforeEach(async () => {
  app = await paymentsTestApp()
})
afterEach(() => closePayments(app))

const EMAILS = 250

/** A pushed invoice (so a Stripe customer of ours), then 250 changes of its email in Stripe. */
const manyEvents = async (): Promise<string> => {
  const id = await finalized(app)
  await invoke(app.dispatch, 'payments:push', { invoiceIds: [id] })
  await invoke(app.dispatch, 'retries:process', {})
  const customer = [...app.fake.customers.keys()][0]!
  for (let n = 0; n < EMAILS; n += 1) {
    app.fake.emitEvent('customer.updated', {
      id: customer,
      object: 'customer',
      email: `ap${n}@acme.example`,
      name: 'Acme',
    })
  }
  return customer
}

const storedEvents = (): string[] =>
  app.db.prepare<[], string>('SELECT id FROM stripe_event ORDER BY id').pluck().all()
const eventRequests = () => app.fake.requests.filter((r) => r.path === '/v1/events')
const syncState = () =>
  app.db
    .prepare<[], { event_cursor_id: string | null; last_sync_at: string | null }>(
      'SELECT event_cursor_id, last_sync_at FROM payment_sync',
    )
    .get()
const customerUpdates = (): number =>
  app.db
    .prepare<[], number>(
      "SELECT count(*) FROM audit_entry WHERE action = 'payments:customer-updated'",
    )
    .pluck()
    .get() ?? 0

describe("Stripe's events read by pages", () => {
  it('a fault on the second page keeps the first page and its cursor; the rerun resumes after it', async () => {
    const customer = await manyEvents()
    const all = app.fake.events.map((e) => e.id)
    expect(all.length).toBeGreaterThan(EMAILS)
    // The first sync walks back three pages (100, 100, the rest) to the oldest event, applies it,
    // reads the 100 events after it, and the next page's request fails.
    let requests = 0
    app.fake.injectFault('server_error', {
      match: (r) => r.path === '/v1/events' && ++requests === 5,
    })
    await expect(invoke(app.dispatch, 'payments:sync', {})).rejects.toThrow()
    expect(storedEvents()).toEqual([...all.slice(0, 101)].sort())
    expect(syncState()).toEqual({ event_cursor_id: all[100], last_sync_at: null })

    const before = eventRequests().length
    const rerun = await invoke(app.dispatch, 'payments:sync', {})
    expect(rerun.fetched).toBe(all.length - 101)
    const resumed = eventRequests().slice(before)
    expect(resumed[0]?.params).toMatchObject({ ending_before: all[100] })
    expect(resumed.every((r) => r.params['starting_after'] === undefined)).toBe(true)

    // Every event applied once, oldest first: the email is the last one Stripe recorded.
    expect(storedEvents()).toEqual([...all].sort())
    expect(customerUpdates()).toBe(EMAILS)
    expect(
      app.db.prepare('SELECT email FROM stripe_customer WHERE stripe_id = ?').pluck().get(customer),
    ).toBe(`ap${EMAILS - 1}@acme.example`)
    expect(syncState()).toMatchObject({ event_cursor_id: all.at(-1) })
    expect(syncState()?.last_sync_at).not.toBeNull()
  })

  it('a fault during the first walk back keeps how far it came; the rerun walks on from there', async () => {
    await manyEvents()
    const all = app.fake.events.map((e) => e.id)
    let requests = 0
    app.fake.injectFault('lock_timeout', {
      match: (r) => r.path === '/v1/events' && ++requests === 2,
    })
    await expect(invoke(app.dispatch, 'payments:sync', {})).rejects.toThrow()
    const walked = app.db.prepare('SELECT event_walk_id FROM payment_sync').pluck().get()
    expect(walked).toBe(all.at(-100))
    expect(storedEvents()).toEqual([])

    const before = eventRequests().length
    await invoke(app.dispatch, 'payments:sync', {})
    expect(eventRequests()[before]?.params).toMatchObject({ starting_after: all.at(-100) })
    expect(storedEvents()).toEqual([...all].sort())
    expect(customerUpdates()).toBe(EMAILS)
  })

  it('a second sync reads only what came after the cursor', async () => {
    await manyEvents()
    const first = await invoke(app.dispatch, 'payments:sync', {})
    // The emails and the invoice paid.
    expect(first).toMatchObject({ fetched: app.fake.events.length, applied: EMAILS + 1 })
    const customer = [...app.fake.customers.keys()][0]!
    app.fake.emitEvent('customer.updated', {
      id: customer,
      object: 'customer',
      email: 'last@acme.example',
      name: 'Acme',
    })
    expect(await invoke(app.dispatch, 'payments:sync', {})).toEqual({
      fetched: 1,
      applied: 1,
      skipped: 0,
    })
  })

  it('a cursor Stripe no longer knows (past its 30 days) walks again from its time, applying nothing twice', async () => {
    await manyEvents()
    await invoke(app.dispatch, 'payments:sync', {})
    app.db.prepare("UPDATE payment_sync SET event_cursor_id = 'evt_gone'").run()
    const again = await invoke(app.dispatch, 'payments:sync', {})
    expect(again.applied).toBe(0)
    expect(customerUpdates()).toBe(EMAILS)
    expect(syncState()?.event_cursor_id).toBe(app.fake.events.at(-1)?.id)
  })

  it('at 10% faults, syncs that fail still move the cursor on, and each event is applied once', async () => {
    await manyEvents()
    const all = app.fake.events.map((e) => e.id)
    app.fake.setFaultRate(0.1, ['server_error', 'lock_timeout'], 15)
    const cursors: number[] = []
    let failed = 0
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const done = await invoke(app.dispatch, 'payments:sync', {}).then(
        () => true,
        () => false,
      )
      cursors.push(all.indexOf(syncState()?.event_cursor_id ?? ''))
      if (done) break
      failed += 1
    }
    expect(syncState()).toMatchObject({ event_cursor_id: all.at(-1) })
    // With seed 15, two syncs fail part-way; the first had already moved the cursor on.
    expect(failed).toBe(2)
    expect(cursors[0]).toBeGreaterThan(0)
    // The cursor never goes back, and each event was applied once.
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b))
    expect(storedEvents()).toEqual([...all].sort())
    expect(customerUpdates()).toBe(EMAILS)
  })
})
