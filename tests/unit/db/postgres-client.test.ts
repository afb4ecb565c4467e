import { describe, expect, it } from 'vitest'
import { openConnection } from '../../../src-main/db/connection'
import { isPostgresUrl, parseBigint, redactUrl } from '../../../src-main/db/postgres/client'

describe('PostgreSQL values and addresses', () => {
  it('reads a BIGINT as a number up to 2^53 - 1 and refuses one past it rather than round', () => {
    expect(parseBigint('10000000000000')).toBe(10_000_000_000_000)
    expect(parseBigint('-9007199254740991')).toBe(-9_007_199_254_740_991)
    expect(() => parseBigint('9007199254740993')).toThrow(/past a safe integer/)
  })

  it('tells a server address from a file and never prints its password', () => {
    expect(isPostgresUrl('postgresql://ops:s3cret@db.example:5432/books')).toBe(true)
    expect(isPostgresUrl('/home/ops/postgres://ledger.sqlite')).toBe(false)
    expect(redactUrl('postgres://ops:s3cret@db.example:5432/books')).toBe(
      'postgres://ops@db.example:5432/books',
    )
  })
})

describe('a server address given as the ledger', () => {
  it('never becomes a file, and the refusal says what works today', () => {
    expect(() => openConnection('postgres://ops:s3cret@127.0.0.1:55432/books')).toThrow(
      /is a server address.*meterbook ledger copy --from FILE --to postgres:\/\//,
    )
    expect(() => openConnection('postgres://ops:s3cret@127.0.0.1:55432/books')).not.toThrow(
      /s3cret/,
    )
  })
})
