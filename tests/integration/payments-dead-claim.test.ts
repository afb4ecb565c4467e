import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { processOwner } from '../../src-main/db/process-owner'
import { invoke } from '../../src-main/ipc/dispatcher'
import { closePayments, finalized, paymentsTestApp, type PaymentsTestApp } from './payments-support'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Another process on this machine, and its owner string as it would record it itself. */
const otherProcess = async (): Promise<{ child: ChildProcess; owner: string }> => {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'])
  await once(child, 'spawn')
  cleanups.push(() => {
    child.kill('SIGKILL')
  })
  const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8')
  const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? ''
  const [host = ''] = processOwner().split('#')
  return { child, owner: `${host}#${child.pid}#${start}` }
}

/** acme's invoice pushed (record, push, collect), its first operation claimed mid-send by `owner`. */
const claimedBy = async (owner: string): Promise<{ app: PaymentsTestApp; key: string }> => {
  const app = await paymentsTestApp()
  cleanups.push(() => closePayments(app))
  await finalized(app, 'acme')
  await invoke(app.dispatch, 'payments:push', { period: '2026-10' })
  // Four minutes of the five-minute claim are still to run.
  const until = new Date(app.clock.now().getTime() + 4 * 60_000).toISOString()
  const row = app.db
    .prepare<[string, string], { idempotency_key: string }>(
      `UPDATE outbox SET status = 'sending', attempts = 1, claimed_by = ?, claimed_until = ?
       WHERE id = (SELECT min(id) FROM outbox) RETURNING idempotency_key`,
    )
    .get(owner, until)
  return { app, key: row?.idempotency_key ?? '' }
}

const statuses = (app: PaymentsTestApp): string[] =>
  app.db.prepare<[], string>('SELECT status FROM outbox ORDER BY id').pluck().all()

describe('an outbox claim whose process died', () => {
  it('is taken over at once, sent with the same idempotency key', async () => {
    const { child, owner } = await otherProcess()
    child.kill('SIGKILL')
    await once(child, 'exit')
    const { app, key } = await claimedBy(owner)

    const pass = await invoke(app.dispatch, 'retries:process', {})
    expect(pass).toMatchObject({ attempted: 3, succeeded: 3, failed: 0, remaining: 0 })
    expect(statuses(app)).toEqual(['sent', 'sent', 'sent'])
    const customerCreates = app.fake.requests.filter(
      (r) => r.method === 'POST' && r.path === '/v1/customers',
    )
    expect(customerCreates.map((r) => r.idempotencyKey)).toEqual([`${key}-create`])
  })

  it('is left alone while its process lives', async () => {
    const { owner } = await otherProcess()
    const { app } = await claimedBy(owner)

    const pass = await invoke(app.dispatch, 'retries:process', {})
    // The claimed record is another process's to send; the rest waits behind it.
    expect(pass).toMatchObject({ attempted: 0, remaining: 3 })
    expect(statuses(app)).toEqual(['sending', 'pending', 'pending'])
    expect(
      app.db.prepare<[], string>('SELECT claimed_by FROM outbox ORDER BY id').pluck().get(),
    ).toBe(owner)
  })
})
