import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src-main/db/migrate'
import { migrations } from '../../src-main/db/migrations'
import { heldByDispute } from '../../src-main/disputes/dispute-store'
import { frozenClock } from '../support/test-app'

/** A migrated ledger; the dispute rows here stand alone (no invoice), so keys are not enforced. */
const ledger = (): Database.Database => {
  const db = new Database(':memory:')
  migrate(db, migrations, frozenClock().now)
  db.pragma('foreign_keys = OFF')
  return db
}

const open = (db: Database.Database, extra = ''): void => {
  db.exec(`INSERT INTO dispute (id, invoice_id, source, reason, currency, amount_minor, status,
      opened_at, opened_by, updated_at ${extra ? ', stripe_dispute_id' : ''})
    VALUES (1, 1, '${extra ? 'stripe' : 'manual'}', 'Wrong plan', 'USD', 500, 'open', 'x', 't', 'x'
      ${extra ? `, '${extra}'` : ''})`)
}

describe('migration 0025-disputes', () => {
  it('creates STRICT tables whose checks refuse an amount past the bound and an unresolved resolution', () => {
    const db = ledger()
    const strict = db
      .prepare<[], string>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'dispute%' AND sql LIKE '%STRICT'",
      )
      .pluck()
      .all()
    expect(strict.sort()).toEqual(['dispute', 'dispute_step'])
    expect(() =>
      db.exec(`INSERT INTO dispute (invoice_id, source, reason, currency, amount_minor, status,
        opened_at, opened_by, updated_at) VALUES (1, 'manual', 'r', 'USD', 10000000000001, 'open',
        'x', 't', 'x')`),
    ).toThrow(/CHECK constraint failed/)
    expect(() =>
      db.exec(`INSERT INTO dispute (invoice_id, source, reason, currency, amount_minor, status,
        resolution, opened_at, opened_by, updated_at) VALUES (1, 'manual', 'r', 'USD', 5, 'open',
        'accepted', 'x', 't', 'x')`),
    ).toThrow(/CHECK constraint failed/)
    // A Stripe dispute carries Stripe's id, and only once.
    expect(() =>
      db.exec(`INSERT INTO dispute (invoice_id, source, reason, currency, amount_minor, status,
        opened_at, opened_by, updated_at) VALUES (1, 'stripe', 'r', 'USD', 5, 'open', 'x', 't', 'x')`),
    ).toThrow(/CHECK constraint failed/)
    open(db, 'dp_1')
    expect(() =>
      db.exec(`INSERT INTO dispute (invoice_id, source, stripe_dispute_id, reason, currency,
        amount_minor, status, opened_at, opened_by, updated_at)
        VALUES (1, 'stripe', 'dp_1', 'r', 'USD', 5, 'open', 'x', 't', 'x')`),
    ).toThrow(/UNIQUE constraint failed/)
  })

  it('keeps a resolved dispute and the history as they are', () => {
    const db = ledger()
    open(db)
    db.exec(`INSERT INTO dispute_step (dispute_id, at, operator, step, status, note)
      VALUES (1, 'x', 't', 'opened', 'open', 'Wrong plan')`)
    expect(() => db.exec("UPDATE dispute_step SET note = 'changed'")).toThrow(
      'dispute history is append-only',
    )
    expect(() => db.exec('DELETE FROM dispute_step')).toThrow('dispute history is append-only')
    db.exec("UPDATE dispute SET status = 'under_review'")
    expect(() => db.exec("UPDATE dispute SET status = 'open'")).toThrow(
      'a dispute only moves forward',
    )
    db.exec("UPDATE dispute SET status = 'resolved', resolution = 'rejected'")
    expect(() => db.exec("UPDATE dispute SET resolution = 'accepted'")).toThrow(
      'a resolved dispute never changes',
    )
    expect(() => db.exec('DELETE FROM dispute')).toThrow('disputes cannot be deleted')
  })

  it("finds an invoice's disputes through dispute_invoice", () => {
    const db = ledger()
    const plan = db
      .prepare<[], { detail: string }>(
        `EXPLAIN QUERY PLAN SELECT 1 FROM outbox o WHERE ${heldByDispute('o.invoice_id')}`,
      )
      .all()
      .map((r) => r.detail)
      .join('\n')
    expect(plan).toMatch(/USING (COVERING )?INDEX dispute_invoice/)
  })
})
