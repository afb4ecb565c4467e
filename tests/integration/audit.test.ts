import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { recordAudit } from '../../src-main/audit/audit-service'
import { invoke } from '../../src-main/ipc/dispatcher'
import { testApp } from '../support/test-app'

let app: Awaited<ReturnType<typeof testApp>>

beforeEach(async () => {
  app = await testApp()
  const entries: [string, string, string, string, string][] = [
    ['2026-10-01T08:00:00.000Z', 'ada', 'settings:update', 'settings', 'business'],
    ['2026-10-15T12:00:00.000Z', 'bob', 'invoices:finalize', 'invoice', 'inv-1'],
    ['2026-10-31T23:59:59.999Z', 'ada', 'invoices:void', 'invoice', 'inv-1'],
    ['2026-11-01T00:00:00.000Z', 'bob', 'invoices:finalize', 'invoice', 'inv-2'],
  ]
  for (const [at, operator, action, entityType, entityId] of entries) {
    await recordAudit(app.ledger.dataSource.manager, {
      at,
      operator,
      action,
      entityType,
      entityId,
      before: null,
      after: { n: 1 },
    })
  }
})
afterEach(() => app.close())

const ids = async (query: Parameters<typeof invoke<'audit:list'>>[2]): Promise<string[]> =>
  (await invoke(app.dispatch, 'audit:list', query)).entries.map(
    (e) => `${e.action}@${e.at.slice(0, 10)}`,
  )

describe('the audit log', () => {
  it('lists newest first with the total', async () => {
    const page = await invoke(app.dispatch, 'audit:list', {})
    expect(page.total).toBe(4)
    expect(page.entries.map((e) => e.at)).toEqual([
      '2026-11-01T00:00:00.000Z',
      '2026-10-31T23:59:59.999Z',
      '2026-10-15T12:00:00.000Z',
      '2026-10-01T08:00:00.000Z',
    ])
    expect(page.entries[0]?.after).toEqual({ n: 1 })
  })

  it('filters by action, entity, operator, and a time range with an exclusive end', async () => {
    expect(await ids({ action: 'invoices:finalize' })).toEqual([
      'invoices:finalize@2026-11-01',
      'invoices:finalize@2026-10-15',
    ])
    expect(await ids({ entityType: 'invoice', entityId: 'inv-1' })).toEqual([
      'invoices:void@2026-10-31',
      'invoices:finalize@2026-10-15',
    ])
    expect(await ids({ operator: 'ada' })).toEqual([
      'invoices:void@2026-10-31',
      'settings:update@2026-10-01',
    ])
    expect(await ids({ from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' })).toHaveLength(3)
    // Offsets are normalised to UTC before comparing.
    expect(await ids({ from: '2026-11-01T01:00:00+02:00' })).toEqual([
      'invoices:finalize@2026-11-01',
      'invoices:void@2026-10-31',
    ])
  })

  it('pages with limit and offset, the total counting every match', async () => {
    const page = await invoke(app.dispatch, 'audit:list', { limit: 2, offset: 2 })
    expect(page.total).toBe(4)
    expect(page.entries.map((e) => e.at.slice(0, 10))).toEqual(['2026-10-15', '2026-10-01'])
  })

  it('offers the distinct actions, entity types and operators for the filters', async () => {
    expect(await invoke(app.dispatch, 'audit:facets', {})).toEqual({
      actions: ['invoices:finalize', 'invoices:void', 'settings:update'],
      entityTypes: ['invoice', 'settings'],
      operators: ['ada', 'bob'],
    })
  })

  it('offers no filter values on an empty log', async () => {
    const empty = await testApp()
    expect(await invoke(empty.dispatch, 'audit:facets', {})).toEqual({
      actions: [],
      entityTypes: [],
      operators: [],
    })
    await empty.close()
  })
})
