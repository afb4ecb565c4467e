import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { SettingEntity } from '../../src-main/db/entities/setting'
import { openLedger, type Ledger } from '../../src-main/db/ledger'
import { migrate, readApplied, type Migration } from '../../src-main/db/migrate'
import { migrations } from '../../src-main/db/migrations'
import { frozenClock } from '../support/test-app'

const opened: { close: () => unknown }[] = []
afterEach(async () => {
  for (const one of opened.splice(0)) await one.close()
})

const tempLedger = async (): Promise<{ ledger: Ledger; other: Database.Database }> => {
  const path = join(mkdtempSync(join(tmpdir(), 'mb-lock-')), 'ledger.sqlite')
  const ledger = await openLedger(path, frozenClock().now)
  // Another process on the same file, which does not wait: a refusal shows at once.
  const other = new Database(path, { timeout: 0 })
  opened.push(ledger, other)
  return { ledger, other }
}

const setSql = "INSERT OR REPLACE INTO setting (key, value_json, updated_at) VALUES (?, ?, 'now')"

/** What another process's write meets while this one's transaction is open: null = it wrote. */
const writeFromOther = (other: Database.Database, key: string): string | null => {
  try {
    other.prepare(setSql).run(key, '"other"')
    return null
  } catch (error) {
    return (error as { code?: string }).code ?? String(error)
  }
}

describe('several processes writing to one ledger', () => {
  it('a TypeORM transaction holds the write lock from its BEGIN, so reading then writing never meets SQLITE_BUSY_SNAPSHOT', async () => {
    const { ledger, other } = await tempLedger()
    let refused: string | null = null
    await ledger.dataSource.transaction(async (m) => {
      await m.query('SELECT count(*) AS n FROM setting')
      refused = writeFromOther(other, 'other.key')
      await m.query(setSql, ['mine.key', '"mine"'])
    })
    expect(refused).toBe('SQLITE_BUSY')
    const keys = other
      .prepare("SELECT key FROM setting WHERE key IN ('mine.key', 'other.key') ORDER BY key")
      .pluck()
      .all()
    expect(keys).toEqual(['mine.key'])
  })

  it('the transaction TypeORM opens by itself around a save holds the write lock from its BEGIN', async () => {
    const { ledger, other } = await tempLedger()
    const refusals: (string | null)[] = []
    // Called right after BEGIN, before the save's first statement.
    ledger.dataSource.subscribers.push({
      afterTransactionStart: () => {
        refusals.push(writeFromOther(other, 'other.key'))
      },
    })
    await ledger.dataSource.manager.save(SettingEntity, {
      key: 'mine.key',
      valueJson: '"mine"',
      updatedAt: 'now',
    })
    expect(refusals).toEqual(['SQLITE_BUSY'])
  })

  it('a process that found migrations pending skips those another process applied meanwhile', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'mb-migrate-')), 'ledger.sqlite')
    const first = new Database(path, { timeout: 5000 })
    const second = new Database(path, { timeout: 5000 })
    opened.push(first, second)
    const clock = frozenClock().now
    // The second process read what was applied (nothing), then the first migrated everything
    // before the second's first migration began.
    let raced = false
    const racing: readonly Migration[] = new Proxy(migrations, {
      get(target, key, receiver) {
        if (key === Symbol.iterator && !raced) {
          raced = true
          migrate(first, migrations, clock)
        }
        return Reflect.get(target, key, receiver) as unknown
      },
    })
    expect(() => migrate(second, racing, clock)).not.toThrow()
    expect(readApplied(second).map((m) => m.name)).toEqual(migrations.map((m) => m.name))
  })
})
