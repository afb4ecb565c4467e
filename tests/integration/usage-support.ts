import { readFileSync } from 'node:fs'
import type Database from 'better-sqlite3'
import { createHandlers } from '../../src-main/app'
import { createDispatcher, invoke, type Dispatcher } from '../../src-main/ipc/dispatcher'
import type { Handlers } from '../../src-main/ipc/handlers-types'
import { usageHandlers } from '../../src-main/usage/handlers'
import type { EventName, Events } from '../../src-shared/ipc/contract'
import type {
  ColumnMapping,
  ImportPolicy,
  ImportProgress,
  UsageFormat,
  UsageImport,
} from '../../src-shared/domain/usage'
import { frozenClock, testApp } from '../support/test-app'

export const defaultMapping: ColumnMapping = {
  event_id: 'event_id',
  customer_id: 'customer_id',
  metric: 'metric',
  quantity: 'quantity',
  timestamp: 'timestamp',
}

const catalog = readFileSync(new URL('../fixtures/catalog.yaml', import.meta.url), 'utf8').replace(
  'effectiveDate: 2026-12-01',
  'effectiveDate: 2026-01-01',
)

export type UsageTestApp = Awaited<ReturnType<typeof testApp>> & {
  dispatch: Dispatcher
  emitted: { event: EventName; payload: Events[EventName] }[]
  db: Database.Database
}

/**
 * The real services on an in-memory ledger, with the usage handlers joined in (so these tests
 * run whether or not app.ts has them yet), the catalog fixture's plans, and two customers:
 * `acme` on starter (api_calls, seats; sso is a boolean) and `globex` on business (sms,
 * exports, storage_gb). Events the handlers emit are recorded.
 */
export const usageTestApp = async (
  options: {
    ledgerPath?: string
    batchRows?: number
    rebuildIndexFrom?: number
    parserFile?: string
  } = {},
): Promise<UsageTestApp> => {
  const clock = frozenClock('2026-11-15T12:00:00.000Z')
  const app = await testApp({
    clock,
    ...(options.ledgerPath ? { ledgerPath: options.ledgerPath } : {}),
  })
  const emitted: UsageTestApp['emitted'] = []
  app.events.subscribe((event, payload) => emitted.push({ event, payload }))
  const handlers: Handlers = {
    ...createHandlers(app.ledger, app.platform, app.payments),
    ...usageHandlers(app.ledger, {
      ...(options.batchRows ? { batchRows: options.batchRows } : {}),
      ...(options.rebuildIndexFrom ? { rebuildIndexFrom: options.rebuildIndexFrom } : {}),
      ...(options.parserFile ? { parserFile: options.parserFile } : {}),
    }),
  }
  const dispatch: Dispatcher = createDispatcher({
    handlers,
    dataSource: app.ledger.dataSource,
    events: app.events,
    operator: 'tester',
    now: clock.now,
    logError: (_message, error) => app.errors.push(error),
  })
  await invoke(dispatch, 'catalog:import', { text: catalog })
  addCustomer(app.ledger.db, 'acme', 'starter')
  addCustomer(app.ledger.db, 'globex', 'business')
  return Object.assign(app, { dispatch, emitted, db: app.ledger.db })
}

type Db = Database.Database

export const addCustomer = (
  db: Db,
  externalId: string,
  planId: string | null,
  billedThrough: string | null = null,
): number => {
  const id = Number(
    db
      .prepare(
        `INSERT INTO customer (external_id, name, currency, created_at, updated_at)
         VALUES (?, ?, 'USD', '2026-10-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z')`,
      )
      .run(externalId, externalId.toUpperCase()).lastInsertRowid,
  )
  if (planId) {
    db.prepare(
      `INSERT INTO subscription (customer_id, plan_id, plan_version, start_date, billing_anchor_day,
         status, billed_through) VALUES (?, ?, 1, '2026-10-01', 1, 'active', ?)`,
    ).run(id, planId, billedThrough)
  }
  return id
}

export type ImportOptions = {
  format?: UsageFormat
  mapping?: ColumnMapping
  policy?: ImportPolicy
  fileName?: string
  /** Characters per chunk; the whole text in one chunk by default. */
  chunk?: number
}

/** Imports `text` through the IPC channels as the renderer does: begin, chunks, last chunk. */
export const importText = async (
  app: { dispatch: Dispatcher },
  text: string,
  options: ImportOptions = {},
): Promise<{ result: UsageImport; progress: ImportProgress[] }> => {
  const started = await invoke(app.dispatch, 'usage:import-begin', {
    fileName: options.fileName ?? 'usage.csv',
    format: options.format ?? 'csv',
    mapping: options.mapping ?? defaultMapping,
    policy: options.policy ?? 'keep_valid',
    totalBytes: Buffer.byteLength(text),
  })
  const size = options.chunk ?? Math.max(text.length, 1)
  const progress: ImportProgress[] = []
  for (let at = 0; at === 0 || at < text.length; at += size) {
    const last = at + size >= text.length
    const step = await invoke(app.dispatch, 'usage:import-chunk', {
      importId: started.id,
      text: text.slice(at, at + size),
      last,
    })
    progress.push(step)
    if (step.status !== 'running') break
  }
  const result = await invoke(app.dispatch, 'usage:import-get', { importId: started.id })
  return { result, progress }
}

/** All rejects of an import, row by row. */
export const rejectsOf = async (app: { dispatch: Dispatcher }, importId: string) =>
  (await invoke(app.dispatch, 'usage:rejects', { importId, limit: 500 })).rows

/** The stored events, oldest first, as compact strings (the instant as ISO 8601 text). */
export const storedEvents = (db: Db): string[] =>
  (
    db
      .prepare(
        `SELECT e.event_id, c.external_id, e.metric, e.quantity_micros, e.ts, e.late
         FROM usage_event e JOIN customer c ON c.id = e.customer_id ORDER BY e.event_id`,
      )
      .raw()
      .safeIntegers(true)
      .all() as unknown[][]
  ).map(([id, customer, metric, micros, ts, late]) =>
    [id, customer, metric, micros, new Date(Number(ts)).toISOString(), late].join('|'),
  )

export const csv = (...lines: string[]): string => `${lines.join('\n')}\n`
