import { expect, it } from 'vitest'
import { openConnection } from '../../src-main/db/connection'
import { migrations } from '../../src-main/db/migrations'
import { connectPostgres } from '../../src-main/db/postgres/client'
import { migratePostgres, readAppliedPostgres } from '../../src-main/db/postgres/migrate'
import { describePg, freshDatabase } from './pg-support'
import { postgresShape, sqliteShape } from './schema-shape-support'

describePg('the ledger schema on PostgreSQL', () => {
  it('has the same tables, columns, keys, indexes, checks and triggers as on SQLite', async () => {
    const sqlite = openConnection(':memory:')
    const client = await connectPostgres(await freshDatabase())
    try {
      await migratePostgres(client, migrations, () => new Date('2026-12-07T10:00:00Z'))
      const onSqlite = sqliteShape(sqlite.db)
      const onPostgres = await postgresShape(client)
      expect(onPostgres.filter((l) => !onSqlite.includes(l))).toEqual([])
      expect(onSqlite.filter((l) => !onPostgres.includes(l))).toEqual([])
      // A sanity floor, so an introspection that finds nothing cannot pass.
      expect(onSqlite.filter((l) => l.startsWith('trigger ')).length).toBeGreaterThanOrEqual(28)
      expect(onSqlite.length).toBeGreaterThan(400)
    } finally {
      sqlite.db.close()
      await client.end()
    }
  })

  it('records every migration as SQLite does, and a second run applies nothing', async () => {
    const client = await connectPostgres(await freshDatabase())
    try {
      const first = await migratePostgres(
        client,
        migrations,
        () => new Date('2026-12-07T10:00:00Z'),
      )
      const again = await migratePostgres(
        client,
        migrations,
        () => new Date('2026-12-08T10:00:00Z'),
      )
      expect(first.map((m) => m.name)).toEqual(migrations.map((m) => m.name))
      expect(again).toEqual(first)
      expect(first[0]?.appliedAt).toBe('2026-12-07T10:00:00.000Z')
      const rows = await client.query('SELECT count(*)::int AS n FROM payment_sync')
      expect(rows.rows[0]).toEqual({ n: 1 })
      expect(await readAppliedPostgres(client)).toHaveLength(migrations.length)
    } finally {
      await client.end()
    }
  })

  it('refuses a database migrated by a newer Meterbook, untouched', async () => {
    const client = await connectPostgres(await freshDatabase())
    try {
      await migratePostgres(client, migrations, () => new Date())
      await client.query(
        "INSERT INTO schema_migration VALUES (99, '0099-from-the-future', '2027-01-01T00:00:00Z')",
      )
      await expect(migratePostgres(client, migrations, () => new Date())).rejects.toThrow(
        /newer version of Meterbook.*0099-from-the-future/,
      )
    } finally {
      await client.end()
    }
  })
})
