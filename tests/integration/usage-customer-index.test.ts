import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { aggregateUsage } from '../../src-main/usage/queries'
import {
  CREATE_CUSTOMER_INDEX,
  CUSTOMER_INDEX,
  dropCustomerIndex,
  hasCustomerIndex,
  restoreCustomerIndex,
  restoreUnlessImporting,
} from '../../src-main/usage/customer-index'
import type { ImportPolicy } from '../../src-shared/domain/usage'
import { testApp } from '../support/test-app'
import { csv, defaultMapping, importText, usageTestApp, type UsageTestApp } from './usage-support'

let app: UsageTestApp
afterEach(() => app.close())

const header = 'event_id,customer_id,metric,quantity,timestamp'

/** `rows` events for acme's api_calls, ids from `prefix`, spread over November's first hours. */
const events = (rows: number, prefix = 'e'): string =>
  csv(
    header,
    ...Array.from(
      { length: rows },
      (_, i) =>
        `${prefix}${String(i).padStart(5, '0')},acme,api_calls,${(i % 9) + 1},2026-11-01T${String(i % 24).padStart(2, '0')}:00:00Z`,
    ),
  )

/** Begins an import of `text` and sends its first `firstChars` characters only. */
const beginAndSend = async (
  text: string,
  firstChars: number,
  policy: ImportPolicy = 'keep_valid',
) => {
  const started = await invoke(app.dispatch, 'usage:import-begin', {
    fileName: 'usage.csv',
    format: 'csv',
    mapping: defaultMapping,
    policy,
    totalBytes: Buffer.byteLength(text),
  })
  await invoke(app.dispatch, 'usage:import-chunk', {
    importId: started.id,
    text: text.slice(0, firstChars),
    last: false,
  })
  return {
    id: started.id,
    rest: () =>
      invoke(app.dispatch, 'usage:import-chunk', {
        importId: started.id,
        text: text.slice(firstChars),
        last: true,
      }),
  }
}

const apiCalls = () =>
  aggregateUsage(app.db, {
    customerId: 1,
    from: '2026-11-01T00:00:00.000Z',
    to: '2026-12-01T00:00:00.000Z',
  }).find((a) => a.metric === 'api_calls')

describe('the customer index around imports', () => {
  it('is the index the migrations create', async () => {
    app = await usageTestApp()
    const sql = app.db
      .prepare('SELECT sql FROM sqlite_schema WHERE name = ?')
      .pluck()
      .get(CUSTOMER_INDEX)
    expect(sql).toBe(CREATE_CUSTOMER_INDEX)
  })

  it('is built with sort settings of its own, the connection given its own back', async () => {
    app = await usageTestApp()
    app.db.pragma('cache_size = -12345')
    app.db.pragma('threads = 3')
    dropCustomerIndex(app.db)
    expect(restoreCustomerIndex(app.db)).toBe(true)
    expect(hasCustomerIndex(app.db)).toBe(true)
    expect(app.db.pragma('cache_size', { simple: true })).toBe(-12345)
    expect(app.db.pragma('threads', { simple: true })).toBe(3)
    expect(restoreCustomerIndex(app.db)).toBe(false)
  })

  it('is dropped by an import large next to the ledger and built again at its end', async () => {
    app = await usageTestApp({ batchRows: 50, rebuildIndexFrom: 100 })
    const text = events(300)
    const running = await beginAndSend(text, Math.floor(text.length / 2))
    expect(hasCustomerIndex(app.db)).toBe(false)
    const last = await running.rest()
    expect(last).toMatchObject({ status: 'completed', imported: 300 })
    expect(hasCustomerIndex(app.db)).toBe(true)
    expect(apiCalls()).toMatchObject({ count: 300 })
  })

  it('is kept by an import small next to what is stored, or below the minimum', async () => {
    app = await usageTestApp({ batchRows: 50, rebuildIndexFrom: 100 })
    await importText(app, events(600))
    const small = events(150, 's')
    const running = await beginAndSend(small, Math.floor(small.length / 2))
    expect(hasCustomerIndex(app.db)).toBe(true)
    await running.rest()
    const tiny = events(90, 't')
    const another = await beginAndSend(tiny, Math.floor(tiny.length / 2))
    expect(hasCustomerIndex(app.db)).toBe(true)
    await another.rest()
    expect(apiCalls()).toMatchObject({ count: 840 })
  })

  it('is built again when the import is cancelled or refused', async () => {
    app = await usageTestApp({ batchRows: 50, rebuildIndexFrom: 100 })
    const text = events(300)
    const cancelled = await beginAndSend(text, Math.floor(text.length / 2))
    expect(hasCustomerIndex(app.db)).toBe(false)
    await invoke(app.dispatch, 'usage:import-cancel', { importId: cancelled.id })
    expect(hasCustomerIndex(app.db)).toBe(true)

    const bad = `${events(300, 'b')}b99999,nobody,api_calls,1,2026-11-01T00:00:00Z\n`
    const refused = await beginAndSend(bad, Math.floor(bad.length / 2), 'all_or_nothing')
    expect(hasCustomerIndex(app.db)).toBe(false)
    expect(await refused.rest()).toMatchObject({ status: 'refused', imported: 0 })
    expect(hasCustomerIndex(app.db)).toBe(true)
  })

  it('is built at start-up when a dead import left it missing, unless one is running', async () => {
    app = await usageTestApp()
    dropCustomerIndex(app.db)
    const started = await invoke(app.dispatch, 'usage:import-begin', {
      fileName: 'usage.csv',
      format: 'csv',
      mapping: defaultMapping,
      policy: 'keep_valid',
    })
    expect(restoreUnlessImporting(app.db)).toBe(false)
    expect(hasCustomerIndex(app.db)).toBe(false)
    await invoke(app.dispatch, 'usage:import-cancel', { importId: started.id })
    expect(restoreUnlessImporting(app.db)).toBe(true)
    expect(hasCustomerIndex(app.db)).toBe(true)
  })

  it('is built by the app starting on a ledger that lacks it', async () => {
    const ledgerPath = join(mkdtempSync(join(tmpdir(), 'mb-index-')), 'ledger.sqlite')
    app = await usageTestApp({ ledgerPath })
    dropCustomerIndex(app.db)
    await app.close()
    const reopened = await testApp({ ledgerPath })
    expect(hasCustomerIndex(reopened.ledger.db)).toBe(true)
    await reopened.close()
  })
})
