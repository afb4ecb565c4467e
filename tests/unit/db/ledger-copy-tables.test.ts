import { describe, expect, it } from 'vitest'
import { openConnection } from '../../../src-main/db/connection'
import { LEDGER_TABLES } from '../../../src-main/ledger-copy/ledger-end'

describe('the tables ledger copy moves', () => {
  it('are every table of the schema but the migration record, each after those it references', () => {
    const { db } = openConnection(':memory:')
    try {
      const tables = db
        .prepare<[], string>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .pluck()
        .all()
      expect([...LEDGER_TABLES].sort()).toEqual(tables.filter((t) => t !== 'schema_migration'))
      LEDGER_TABLES.forEach((table, position) => {
        const referenced = db
          .prepare<[], string>(`SELECT DISTINCT "table" FROM pragma_foreign_key_list('${table}')`)
          .pluck()
          .all()
        for (const parent of referenced) {
          expect(LEDGER_TABLES.indexOf(parent as never), `${table} -> ${parent}`).toBeLessThan(
            position,
          )
        }
      })
    } finally {
      db.close()
    }
  })
})
