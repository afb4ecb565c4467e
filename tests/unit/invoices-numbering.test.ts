import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { addDays, dayOf } from '../../src-main/calendar/business-days'
import { takeNumber } from '../../src-main/invoices/numbering'

const schema =
  'CREATE TABLE number_sequence (series TEXT PRIMARY KEY, last INTEGER NOT NULL) STRICT'
const opened: Database.Database[] = []
const folders: string[] = []
afterEach(() => {
  for (const db of opened.splice(0)) db.close()
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

const open = (path = ':memory:', timeout = 5_000): Database.Database => {
  const db = new Database(path, { timeout })
  opened.push(db)
  return db
}

describe('gapless number series', () => {
  it('counts each series on its own, zero-padded to six digits', () => {
    const db = open()
    db.exec(schema)
    const take = db.transaction((prefix: string, year: string) => takeNumber(db, prefix, year))
    expect([
      take('MB', '2026'),
      take('MB', '2026'),
      take('MB', '2027'),
      take('CN', '2026'),
    ]).toEqual(['MB-2026-000001', 'MB-2026-000002', 'MB-2027-000001', 'CN-2026-000001'])
  })

  it('gives a number back when its transaction rolls back', () => {
    const db = open()
    db.exec(schema)
    const failing = db.transaction(() => {
      takeNumber(db, 'MB', '2026')
      throw new Error('the invoice could not be written')
    })
    expect(failing).toThrow('could not be written')
    expect(db.transaction(() => takeNumber(db, 'MB', '2026'))()).toBe('MB-2026-000001')
  })

  it('issues no number when the counter could not be written, rather than a malformed one', () => {
    const db = open()
    db.exec(schema)
    // A guard that silently skips the write (RAISE(IGNORE)) leaves RETURNING with no row.
    db.exec(
      'CREATE TRIGGER counter_frozen BEFORE INSERT ON number_sequence BEGIN SELECT RAISE(IGNORE); END',
    )
    expect(() => db.transaction(() => takeNumber(db, 'MB', '2026'))()).toThrow(
      'no number taken for series MB-2026',
    )
  })

  it('refuses to take a number outside a transaction, where nothing could give it back', () => {
    const db = open()
    db.exec(schema)
    expect(() => takeNumber(db, 'MB', '2026')).toThrow('only inside a transaction')
  })

  it('serializes two processes sharing the ledger: never a cached or duplicate number', () => {
    const folder = mkdtempSync(join(tmpdir(), 'mb-numbering-'))
    folders.push(folder)
    const path = join(folder, 'ledger.sqlite')
    const desktop = open(path)
    desktop.pragma('journal_mode = WAL')
    desktop.exec(schema)
    const cli = open(path, 0)
    desktop.exec('BEGIN IMMEDIATE')
    expect(takeNumber(desktop, 'MB', '2026')).toBe('MB-2026-000001')
    // While the desktop's finalization is open, the CLI cannot start one of its own.
    expect(() => cli.transaction(() => takeNumber(cli, 'MB', '2026')).immediate()).toThrow(
      /locked|busy/i,
    )
    desktop.exec('COMMIT')
    expect(cli.transaction(() => takeNumber(cli, 'MB', '2026')).immediate()).toBe('MB-2026-000002')
    expect(desktop.transaction(() => takeNumber(desktop, 'MB', '2026'))()).toBe('MB-2026-000003')
  })
})

describe('business dates', () => {
  it.each([
    ['2027-01-01T03:00:00Z', 'America/Los_Angeles', '2026-12-31'],
    ['2026-12-31T23:30:00Z', 'Europe/Berlin', '2027-01-01'],
    ['2026-03-29T01:30:00Z', 'Europe/Berlin', '2026-03-29'],
    ['2026-11-03T09:00:00Z', 'UTC', '2026-11-03'],
  ])('%s in %s is %s', (instant, zone, date) => {
    expect(dayOf(new Date(instant), zone)).toBe(date)
  })

  it.each([
    ['2026-12-31', 14, '2027-01-14'],
    ['2028-02-15', 14, '2028-02-29'],
    ['2026-03-20', 30, '2026-04-19'],
    ['2026-11-03', 0, '2026-11-03'],
  ])('%s plus %i days is %s', (date, days, due) => {
    expect(addDays(date, days)).toBe(due)
  })
})
