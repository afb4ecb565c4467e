import { expect, it } from 'vitest'
import { openConnection } from '../../src-main/db/connection'
import { migrations } from '../../src-main/db/migrations'
import { connectPostgres } from '../../src-main/db/postgres/client'
import { migratePostgres } from '../../src-main/db/postgres/migrate'
import { forSqlite } from '../../src-main/db/shared-sql'
import { describePg, freshDatabase } from './pg-support'

// The next number of a series, gapless, in one statement: what finalizing takes.
const NEXT_NUMBER = `INSERT INTO number_sequence (series, last) VALUES ($1, 1)
  ON CONFLICT (series) DO UPDATE SET last = number_sequence.last + 1 RETURNING last`
// An idempotent write: the second time, nothing is written and nothing returned.
const ONCE = `INSERT INTO setting (key, value_json, updated_at) VALUES ($1, $2, $3)
  ON CONFLICT (key) DO NOTHING RETURNING key`

// A change only when it changes something: one parameter used twice.
const CHANGE = `UPDATE setting SET value_json = $2 WHERE key = $1 AND value_json <> $2 RETURNING key`

describePg('one SQL text on both ledgers', () => {
  it('numbers gaplessly and writes once, the same statements on SQLite and PostgreSQL', async () => {
    const sqlite = openConnection(':memory:')
    const client = await connectPostgres(await freshDatabase())
    try {
      await migratePostgres(client, migrations, () => new Date())
      const onSqlite = (sql: string, values: unknown[]) => {
        const statement = forSqlite(sql, values)
        return sqlite.db.prepare(statement.sql).all(...statement.values)
      }
      const onPostgres = async (sql: string, values: unknown[]): Promise<unknown[]> => {
        const result = await client.query<Record<string, unknown>>(sql, values)
        return result.rows
      }
      for (const run of [onSqlite, onPostgres]) {
        expect(await run(NEXT_NUMBER, ['INV-2026'])).toEqual([{ last: 1 }])
        expect(await run(NEXT_NUMBER, ['INV-2026'])).toEqual([{ last: 2 }])
        expect(await run(NEXT_NUMBER, ['CN-2026'])).toEqual([{ last: 1 }])
        expect(await run(ONCE, ['companyName', '"Acme"', 'x'])).toEqual([{ key: 'companyName' }])
        expect(await run(ONCE, ['companyName', '"Other"', 'y'])).toEqual([])
        expect(await run(CHANGE, ['companyName', '"Acme"'])).toEqual([])
        expect(await run(CHANGE, ['companyName', '"Acme Ltd"'])).toEqual([{ key: 'companyName' }])
      }
    } finally {
      sqlite.db.close()
      await client.end()
    }
  })
})
