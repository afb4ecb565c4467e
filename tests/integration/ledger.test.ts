import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openConnection } from '../../src-main/db/connection'
import { BUSY_TIMEOUT_MS, checkIntegrity, openLedger, type Ledger } from '../../src-main/db/ledger'
import { migrate, readApplied } from '../../src-main/db/migrate'
import { migrations } from '../../src-main/db/migrations'
import { frozenClock } from '../support/test-app'

const opened: Ledger[] = []
const open = async (path: string): Promise<Ledger> => {
  const ledger = await openLedger(path, frozenClock().now)
  opened.push(ledger)
  return ledger
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((l) => l.close()))
})

const tempFile = (name = 'ledger.sqlite'): string =>
  join(mkdtempSync(join(tmpdir(), 'mb-ledger-')), name)
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex')

describe('the ledger', () => {
  it('applies every migration, in order, once, recording when', async () => {
    const path = tempFile()
    const ledger = await open(path)
    expect(ledger.migrations.map((m) => m.name)).toEqual(migrations.map((m) => m.name))
    expect(ledger.migrations[0]?.appliedAt).toBe('2026-11-01T09:00:00.000Z')
    await ledger.close()

    const again = await open(path)
    expect(again.migrations).toEqual(ledger.migrations)
  })

  it('converges when a migration run is repeated on an up-to-date file', () => {
    const db = new Database(':memory:')
    migrate(db, migrations, frozenClock().now)
    const second = migrate(db, migrations, frozenClock('2027-01-01T00:00:00.000Z').now)
    expect(second).toHaveLength(migrations.length)
    expect(second[0]?.appliedAt).toBe('2026-11-01T09:00:00.000Z')
  })

  it('creates STRICT tables, so a wrong type is refused', async () => {
    const ledger = await open(':memory:')
    const strict = ledger.db
      .prepare(
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND strict = 1 ORDER BY name",
      )
      .pluck()
      .all()
    expect(strict).toEqual(expect.arrayContaining(['audit_entry', 'setting', 'schema_migration']))
    expect(() =>
      ledger.db
        .prepare(
          "INSERT INTO audit_entry (id, at, operator, action, entity_type, entity_id) VALUES ('x', 'a', 'b', 'c', 'd', 'e')",
        )
        .run(),
    ).toThrow(/datatype mismatch/)
  })

  it('opens files in WAL mode with foreign keys on and a busy timeout, so two processes can share one', async () => {
    const path = tempFile()
    const ledger = await open(path)
    expect(ledger.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(ledger.db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(ledger.db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS)

    // A second connection (the CLI beside the desktop app) reads what the first wrote.
    ledger.db.prepare("INSERT INTO setting VALUES ('companyName', '\"Acme\"', 'now')").run()
    const other = await open(path)
    expect(
      other.db.prepare("SELECT value_json FROM setting WHERE key = 'companyName'").pluck().get(),
    ).toBe('"Acme"')
  })

  it('creates the folder of a new ledger, and gives TypeORM the connection it opened', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'mb-ledger-')), 'new', 'folder', 'ledger.sqlite')
    const ledger = await open(path)
    expect(existsSync(path)).toBe(true)
    // One connection: what the raw handle writes in a transaction, TypeORM reads inside it.
    ledger.db.exec('BEGIN')
    ledger.db.prepare("INSERT INTO setting VALUES ('companyName', '\"Acme\"', 'now')").run()
    const seen: unknown = await ledger.dataSource.query(
      "SELECT value_json FROM setting WHERE key = 'companyName'",
    )
    ledger.db.exec('ROLLBACK')
    expect(seen).toEqual([{ value_json: '"Acme"' }])
  })

  it('opens the bare connection the same way, for the commands that need no more', () => {
    const path = tempFile()
    const { db, migrations: applied } = openConnection(path, frozenClock().now)
    try {
      expect(applied.map((m) => m.name)).toEqual(migrations.map((m) => m.name))
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS)
    } finally {
      db.close()
    }
  })

  it('refuses a file that is not a SQLite database, and leaves it untouched', async () => {
    const path = tempFile()
    writeFileSync(path, 'event_id,customer_id\n1,acme\n'.repeat(200))
    const before = sha(path)
    await expect(openLedger(path)).rejects.toMatchObject({
      code: 'ledger_unavailable',
      message: expect.stringContaining('is not a readable Meterbook ledger') as unknown,
    })
    expect(sha(path)).toBe(before)
  })

  it('refuses a damaged database, and leaves it untouched', async () => {
    const path = tempFile()
    const ledger = await open(path)
    ledger.db.pragma('journal_mode = DELETE')
    await ledger.close()
    const bytes = readFileSync(path)
    bytes.fill(0xab, 100, 4096) // the schema page after the header
    writeFileSync(path, bytes)
    const before = sha(path)
    await expect(openLedger(path)).rejects.toMatchObject({ code: 'ledger_unavailable' })
    expect(sha(path)).toBe(before)
  })

  it('refuses a ledger migrated by a newer Meterbook, and leaves it untouched', async () => {
    const path = tempFile()
    const ledger = await open(path)
    ledger.db
      .prepare("INSERT INTO schema_migration VALUES (999, '0999-from-the-future', 'later')")
      .run()
    ledger.db.pragma('journal_mode = DELETE')
    await ledger.close()
    const before = sha(path)
    await expect(openLedger(path)).rejects.toMatchObject({
      code: 'ledger_unavailable',
      message: expect.stringContaining('newer version of Meterbook') as unknown,
    })
    expect(sha(path)).toBe(before)
    const probe = new Database(path, { readonly: true })
    expect(readApplied(probe).map((m) => m.name)).toContain('0999-from-the-future')
    probe.close()
  })

  it('reports its integrity', async () => {
    expect(checkIntegrity(await open(':memory:'))).toBe('ok')
  })

  it.each([
    [
      'the audit log by time',
      'SELECT * FROM audit_entry WHERE at >= ? ORDER BY at DESC',
      'audit_entry_at',
    ],
    [
      "one entity's history",
      'SELECT * FROM audit_entry WHERE entity_type = ? AND entity_id = ? ORDER BY at',
      'audit_entry_entity',
    ],
    ['one action', 'SELECT * FROM audit_entry WHERE action = ? AND at >= ?', 'audit_entry_action'],
    [
      'one operator',
      'SELECT * FROM audit_entry WHERE operator = ? ORDER BY at DESC',
      'audit_entry_operator',
    ],
  ])('answers %s from an index', async (_what, sql, index) => {
    const ledger = await open(':memory:')
    const plan = ledger.db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 'x'))
      .map((row) => (row as { detail: string }).detail)
      .join('\n')
    expect(plan).toContain(`USING INDEX ${index}`)
  })
})
