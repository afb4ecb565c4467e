import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src-main/db/migrate'
import { migrations } from '../../src-main/db/migrations'
import { rangeSumSql, USED_METRICS_SQL } from '../../src-main/usage/explorer-sums'
import { orderOf } from '../../src-main/usage/queries'
import { usageSortFields } from '../../src-shared/domain/usage'
import { sortDirections } from '../../src-shared/domain/list-sort'
import { frozenClock } from '../support/test-app'

const planOf = (db: Database.Database, sql: string): string =>
  db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 1))
    .map((row) => (row as { detail: string }).detail)
    .join('\n')

// The explorer's first page on 1,000,000 events (bench/usage-explorer.bench.ts) stays quick
// only while each of its queries reads an index range and sorts nothing.
describe("the usage explorer's queries read an index and sort nothing (EXPLAIN QUERY PLAN)", () => {
  const db = new Database(':memory:')
  migrate(db, migrations, frozenClock().now)

  it("a metric's sum over a time range (chart bucket, total): one covering range", () => {
    const plan = planOf(db, rangeSumSql([]))
    expect(plan).toBe(
      'SEARCH e USING COVERING INDEX usage_event_metric_ts (metric=? AND ts>? AND ts<?)',
    )
  })

  it("one customer's sum: the customer's own covering range", () => {
    expect(planOf(db, rangeSumSql(['e.customer_id = ?']))).toBe(
      'SEARCH e USING COVERING INDEX usage_event_customer_metric_ts (customer_id=? AND metric=? AND ts>? AND ts<?)',
    )
  })

  it('the metrics that have events: a seek per metric, no scan of the events', () => {
    const plan = planOf(db, USED_METRICS_SQL)
    expect(plan).toContain('SEARCH usage_event USING COVERING INDEX usage_event_metric_ts')
    expect(plan).not.toMatch(/SCAN usage_event|TEMP B-TREE/)
  })

  for (const field of usageSortFields) {
    for (const direction of sortDirections) {
      it(`the events page by ${field} ${direction}: walks an index, no sort`, () => {
        const plan = planOf(
          db,
          `SELECT e.event_id, e.quantity_micros FROM usage_event e
           ${orderOf({ field, direction })} LIMIT 25`,
        )
        expect(plan).not.toMatch(/TEMP B-TREE/)
        expect(plan).toMatch(/SCAN e USING INDEX usage_event_(ts|metric_ts)/)
      })
    }
  }
})
