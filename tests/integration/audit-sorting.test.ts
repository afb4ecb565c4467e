import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrate } from '../../src-main/db/migrate'
import { migrations } from '../../src-main/db/migrations'
import { invoke } from '../../src-main/ipc/dispatcher'
import { auditSortFields } from '../../src-shared/domain/audit'
import { sortDirections } from '../../src-shared/domain/list-sort'
import { frozenClock, testApp } from '../support/test-app'

let app: Awaited<ReturnType<typeof testApp>>
beforeEach(async () => {
  app = await testApp()
  const insert = app.ledger.db.prepare(
    `INSERT INTO audit_entry (at, operator, action, entity_type, entity_id, before_json, after_json)
     VALUES (?, ?, ?, 'customer', ?, NULL, NULL)`,
  )
  for (const [at, operator, action, id] of [
    ['2026-11-01T10:00:00.000Z', 'carol', 'customers:save', 'c1'],
    ['2026-11-01T11:00:00.000Z', 'alice', 'invoices:finalize', 'c2'],
    ['2026-11-01T12:00:00.000Z', 'bob', 'customers:save', 'c3'],
    ['2026-11-01T13:00:00.000Z', 'alice', 'billing:run', 'c4'],
  ])
    insert.run(at, operator, action, id)
})
afterEach(() => app.close())

const order = async (sort?: { field: 'time' | 'actor' | 'channel'; direction: 'asc' | 'desc' }) =>
  (await invoke(app.dispatch, 'audit:list', sort ? { sort } : {})).entries.map((e) => e.entityId)

describe('the audit log sorts on the server', () => {
  it('by time (newest first unless asked), by actor or by channel, each then by time', async () => {
    expect(await order()).toEqual(['c4', 'c3', 'c2', 'c1'])
    expect(await order({ field: 'time', direction: 'asc' })).toEqual(['c1', 'c2', 'c3', 'c4'])
    expect(await order({ field: 'actor', direction: 'asc' })).toEqual(['c2', 'c4', 'c3', 'c1'])
    expect(await order({ field: 'actor', direction: 'desc' })).toEqual(['c1', 'c3', 'c4', 'c2'])
    expect(await order({ field: 'channel', direction: 'asc' })).toEqual(['c4', 'c1', 'c3', 'c2'])
    const page = await invoke(app.dispatch, 'audit:list', {
      sort: { field: 'channel', direction: 'desc' },
      limit: 2,
      offset: 1,
    })
    expect([page.total, page.entries.map((e) => e.entityId)]).toEqual([4, ['c3', 'c1']])
  })

  const db = new Database(':memory:')
  migrate(db, migrations, frozenClock().now)
  const columns = { time: 'at', actor: 'operator, at', channel: 'action, at' } as const
  for (const field of auditSortFields)
    for (const direction of sortDirections)
      it(`by ${field} ${direction}: walks an index, no sort (EXPLAIN QUERY PLAN)`, () => {
        const by = [...columns[field].split(', '), 'id']
          .map((c) => `${c} ${direction.toUpperCase()}`)
          .join(', ')
        const plan = db
          .prepare<[], { detail: string }>(
            `EXPLAIN QUERY PLAN SELECT * FROM audit_entry ORDER BY ${by} LIMIT 50`,
          )
          .all()
          .map((r) => r.detail)
          .join('\n')
        expect(plan).not.toMatch(/TEMP B-TREE/)
        expect(plan).toMatch(/SCAN audit_entry USING INDEX/)
      })
})
