import { describe, expect, it } from 'vitest'
import { forSqlite } from '../../../src-main/db/shared-sql'

describe('one SQL text for both ledgers', () => {
  it("binds PostgreSQL's numbered parameters as SQLite's, repeated ones included", () => {
    expect(
      forSqlite('UPDATE setting SET value_json = $2 WHERE key = $1 AND value_json <> $2', [
        'companyName',
        '"Acme"',
      ]),
    ).toEqual({
      sql: 'UPDATE setting SET value_json = ? WHERE key = ? AND value_json <> ?',
      values: ['"Acme"', 'companyName', '"Acme"'],
    })
  })
})
