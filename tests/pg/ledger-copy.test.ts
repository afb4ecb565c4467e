import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { migrate } from '../../src-main/db/migrate'
import { migrations } from '../../src-main/db/migrations'
import { connectPostgres } from '../../src-main/db/postgres/client'
import { invoke } from '../../src-main/ipc/dispatcher'
import { copyLedger, verifyLedgers, type CopyReport } from '../../src-main/ledger-copy/copy-ledger'
import { openPostgresSource } from '../../src-main/ledger-copy/postgres-end'
import { openSqliteSource } from '../../src-main/ledger-copy/sqlite-end'
import { addEvents, billingTestApp } from '../integration/billing-support'
import { frozenClock } from '../support/test-app'
import { describePg, freshDatabase } from './pg-support'

let folder = ''
let source = ''
let server = ''
let there: CopyReport

/** A month of books: usage, a billing run, a finalized invoice, a credit note, audit entries. */
const keepBooks = async (path: string): Promise<void> => {
  const app = await billingTestApp({ ledgerPath: path })
  addEvents(app.db, 'acme', [
    ['e1', 'api_calls', '12000', '2026-10-03T10:00:00.000Z'],
    ['e2', 'api_calls', '3500.5', '2026-10-20T10:00:00.000Z'],
  ])
  // Text COPY must carry as is: tabs, newlines, backslashes.
  app.db.prepare("UPDATE customer SET notes = ? WHERE external_id = 'acme'").run('a\tb\nc\\d\r')
  await invoke(app.dispatch, 'billing:run', { period: '2026-10' })
  const id = app.db
    .prepare<[], number>("SELECT id FROM invoice WHERE period = '2026-10' ORDER BY id")
    .pluck()
    .get()
  await invoke(app.dispatch, 'invoices:finalize', { id: id ?? 0 })
  await invoke(app.dispatch, 'invoices:credit-note', {
    invoiceId: id ?? 0,
    reason: 'Outage on October 12th',
    lines: [{ description: 'Service credit', amountMinor: 500 }],
    settlement: 'credit_balance',
  })
  await app.close()
}

const countOf = (report: CopyReport, table: string): number | undefined =>
  report.tables.find((t) => t.table === table)?.sourceRows

describePg('meterbook ledger copy', () => {
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'meterbook-copy-'))
    source = join(folder, 'desktop.sqlite')
    await keepBooks(source)
    server = await freshDatabase()
    there = await copyLedger({ from: source, to: server, batchSize: 2 })
  })
  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  it('copies every table of a desktop ledger to the server, counts and checksums matching', async () => {
    expect(there.tables.every((t) => t.matches)).toBe(true)
    expect(countOf(there, 'usage_event')).toBe(2)
    expect(countOf(there, 'credit_note')).toBe(1)
    expect(countOf(there, 'credit_entry')).toBe(1)
    expect(countOf(there, 'audit_entry')).toBeGreaterThanOrEqual(3)
    const client = await connectPostgres(server)
    try {
      const invoice = await client.query(
        "SELECT status, number, total_minor FROM invoice WHERE status <> 'draft'",
      )
      const sqlite = new Database(source, { readonly: true })
      const expected = sqlite
        .prepare("SELECT status, number, total_minor FROM invoice WHERE status <> 'draft'")
        .all()
      const notes = sqlite.prepare("SELECT notes FROM customer WHERE external_id = 'acme'").pluck()
      const ledgerId = sqlite.prepare('SELECT ledger_id FROM payment_sync').pluck().get()
      sqlite.close()
      expect(invoice.rows).toEqual(expected)
      expect(invoice.rows).toHaveLength(1)
      const copiedNotes = await client.query(
        "SELECT notes FROM customer WHERE external_id = 'acme'",
      )
      expect(copiedNotes.rows[0]).toEqual({ notes: 'a\tb\nc\\d\r' })
      expect(notes).toBeDefined()
      // The ledger's identity (Stripe idempotency keys) is the source's, not the migration's.
      const sync = await client.query('SELECT ledger_id FROM payment_sync')
      expect(sync.rows).toEqual([{ ledger_id: ledgerId }])
      // The next id follows the copied ones.
      const max = await client.query('SELECT max(id) AS id FROM audit_entry')
      const next = await client.query(
        `INSERT INTO audit_entry (at, operator, action, entity_type, entity_id)
         VALUES ('x', 'ops', 'test', 'test', '1') RETURNING id`,
      )
      expect(next.rows[0]).toEqual({ id: (max.rows[0] as { id: number }).id + 1 })
    } finally {
      await client.end()
    }
  })

  it('copies the server ledger back to a file, identical table by table', async () => {
    const fresh = await freshDatabase()
    await copyLedger({ from: source, to: fresh })
    const back = await copyLedger({ from: fresh, to: join(folder, 'back.sqlite'), batchSize: 3 })
    expect(back.tables.every((t) => t.matches)).toBe(true)
    expect(back.tables.map((t) => t.targetSha256)).toEqual(there.tables.map((t) => t.sourceSha256))
    expect(back.rows).toBe(there.rows)
  })

  it('refuses a target that holds rows, on the server and in a file, changing nothing', async () => {
    await expect(copyLedger({ from: source, to: server })).rejects.toThrow(
      /is not empty \(audit_entry holds rows\).*Nothing was changed/,
    )
    const file = join(folder, 'used.sqlite')
    await copyLedger({ from: server, to: file })
    await expect(copyLedger({ from: source, to: file })).rejects.toThrow(/is not empty/)
  })

  it('names the table whose rows differ when one row was changed', async () => {
    const tampered = await freshDatabase()
    await copyLedger({ from: source, to: tampered })
    const client = await connectPostgres(tampered)
    await client.query("UPDATE customer SET name = 'Acme Corp' WHERE external_id = 'acme'")
    await client.end()
    const [left, right] = [openSqliteSource(source), await openPostgresSource(tampered)]
    try {
      const checks = await verifyLedgers(left, right)
      expect(checks.filter((c) => !c.matches).map((c) => c.table)).toEqual(['customer'])
      const customer = checks.find((c) => c.table === 'customer')
      expect(customer?.sourceRows).toBe(customer?.targetRows)
    } finally {
      await left.close()
      await right.close()
    }
  })

  it('refuses a source with pending migrations', async () => {
    const old = join(folder, 'old.sqlite')
    const db = new Database(old)
    migrate(
      db,
      migrations.filter((m) => m.id < 20),
      frozenClock().now,
    )
    db.close()
    await expect(copyLedger({ from: old, to: await freshDatabase() })).rejects.toThrow(
      /pending: 0020-stripe-key-pause/,
    )
  })

  it('says what the server role lacks when it may not set session_replication_role', async () => {
    const url = new URL(await freshDatabase())
    const database = url.pathname.slice(1)
    const admin = await connectPostgres(url.toString())
    await admin.query(`DROP ROLE IF EXISTS clerk_${database}`)
    await admin.query(`CREATE ROLE clerk_${database} LOGIN`)
    await admin.query(`ALTER DATABASE ${database} OWNER TO clerk_${database}`)
    await admin.end()
    url.username = `clerk_${database}`
    await expect(copyLedger({ from: source, to: url.toString() })).rejects.toThrow(
      /needs a role allowed to set session_replication_role/,
    )
    // Nothing was copied: the migrated database is still empty, and a superuser can copy into it.
    url.username = 'postgres'
    const copied = await copyLedger({ from: source, to: url.toString() })
    expect(copied.tables.every((t) => t.matches)).toBe(true)
  })
})
