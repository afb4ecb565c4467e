import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { withFewerCheckpoints } from '../../src-main/db/bulk-checkpoints'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

const ledger = () => {
  const dir = mkdtempSync(join(tmpdir(), 'mb-bulk-'))
  dirs.push(dir)
  const path = join(dir, 'ledger.sqlite')
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)')
  return { db, path }
}

const checkpointPages = (db: Database.Database) =>
  db.pragma('wal_autocheckpoint', { simple: true }) as number

/** 40 batches of about 1.2 MB each (300 pages): 12,000 pages in all. */
const writeBatches = (db: Database.Database) => {
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)')
  for (let batch = 0; batch < 40; batch++)
    db.transaction(() => {
      for (let i = 0; i < 1000; i++) insert.run('x'.repeat(1200))
    })()
}

describe('bulk work in batches', () => {
  it('leaves the pages in the WAL until the work is done, instead of copying them every few batches', () => {
    const plain = ledger()
    writeBatches(plain.db)
    // SQLite's default: checkpointed whenever the WAL passes 1,000 pages, so it stays small.
    expect(statSync(`${plain.path}-wal`).size).toBeLessThan(8 * 1024 * 1024)
    const bulk = ledger()
    const during = withFewerCheckpoints(bulk.db, () => {
      writeBatches(bulk.db)
      return checkpointPages(bulk.db)
    })
    expect(during).toBe(16_000)
    expect(statSync(`${bulk.path}-wal`).size).toBeGreaterThan(40 * 1024 * 1024)
    expect(checkpointPages(bulk.db)).toBe(1000)
    expect(bulk.db.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(40_000)
    plain.db.close()
    bulk.db.close()
  })

  it('restores the connection’s checkpoints when the work fails', () => {
    const { db } = ledger()
    expect(() =>
      withFewerCheckpoints(db, () => {
        throw new Error('disk full')
      }),
    ).toThrow('disk full')
    expect(checkpointPages(db)).toBe(1000)
    db.close()
  })
})
