import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { finalizePeriod } from '../../src-main/invoices/lifecycle'
import { invoicesTestApp, seedDraft, type InvoicesTestApp } from './invoices-support'

let app: InvoicesTestApp
beforeEach(async () => {
  app = await invoicesTestApp()
})
afterEach(() => app.close())

const finalize = (id: number) => invoke(app.dispatch, 'invoices:finalize', { id })
const numbersInLedger = (): [string, string][] =>
  app.db
    .prepare<[], [string, string]>(
      'SELECT number, status FROM invoice WHERE number IS NOT NULL ORDER BY number',
    )
    .raw()
    .all()

describe('invoice numbers around a void', () => {
  it('never reuses a voided number, and the next invoice takes the following one: no gap', async () => {
    const first = await finalize(seedDraft(app.db, { period: '2026-08' }))
    const voided = await invoke(app.dispatch, 'invoices:void', { id: first.id, reason: 'Wrong' })
    expect(voided).toMatchObject({ number: 'MB-2026-000001', status: 'void' })

    const second = await finalize(seedDraft(app.db, { period: '2026-09' }))
    expect(second.number).toBe('MB-2026-000002')

    // The scheduler's and the CLI's path takes numbers from the same series.
    seedDraft(app.db, { period: '2026-10' })
    const viaCli = finalizePeriod(app.db, '2026-10', { now: app.clock.now(), operator: 'cron' })
    expect(viaCli.finalized.map((f) => f.number)).toEqual(['MB-2026-000003'])

    expect(numbersInLedger()).toEqual([
      ['MB-2026-000001', 'void'],
      ['MB-2026-000002', 'finalized'],
      ['MB-2026-000003', 'finalized'],
    ])
  })

  it('keeps the series gapless when the last invoice issued is the one voided', async () => {
    const a = await finalize(seedDraft(app.db, { period: '2026-08' }))
    const b = await finalize(seedDraft(app.db, { period: '2026-09' }))
    await invoke(app.dispatch, 'invoices:void', { id: b.id, reason: 'Duplicate' })
    const c = await finalize(seedDraft(app.db, { period: '2026-10' }))
    expect([a.number, b.number, c.number]).toEqual([
      'MB-2026-000001',
      'MB-2026-000002',
      'MB-2026-000003',
    ])
    const sequence = numbersInLedger().map(([n]) => Number(n.slice(-6)))
    expect(sequence).toEqual(Array.from({ length: sequence.length }, (_, i) => i + 1))
  })
})
