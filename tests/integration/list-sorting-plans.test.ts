import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src-main/db/migrate'
import { migrations } from '../../src-main/db/migrations'
import { orderOf } from '../../src-main/invoices/invoice-list'
import { invoiceSelect } from '../../src-main/invoices/invoice-store'
import { invoiceSortFields } from '../../src-shared/domain/billing'
import { sortDirections } from '../../src-shared/domain/list-sort'
import { frozenClock } from '../support/test-app'

const planOf = (db: Database.Database, sql: string): string =>
  db
    .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all()
    .map((row) => row.detail)
    .join('\n')

describe('the list sorts walk an index (EXPLAIN QUERY PLAN)', () => {
  const db = new Database(':memory:')
  migrate(db, migrations, frozenClock().now)

  for (const field of invoiceSortFields) {
    for (const direction of sortDirections) {
      it(`invoices by ${field} ${direction}: an index, no sort of the table`, () => {
        const plan = planOf(
          db,
          `${invoiceSelect} ${orderOf({ field, direction })} LIMIT 50 OFFSET 0`,
        )
        expect(plan).not.toMatch(/TEMP B-TREE/)
        expect(plan).toMatch(/SCAN i USING INDEX/)
      })
    }
  }

  it('the customer list by name: its index, no sort', () => {
    const plan = planOf(
      db,
      `SELECT c.id FROM customer c LEFT JOIN subscription s ON s.customer_id = c.id
       ORDER BY c.name DESC, c.id DESC LIMIT 50`,
    )
    expect(plan).not.toMatch(/TEMP B-TREE/)
    expect(plan).toMatch(/SCAN c USING (COVERING )?INDEX customer_name/)
  })
})
