import { afterEach, describe, expect, it } from 'vitest'
import { createHandlers } from '../../src-main/app'
import { createDispatcher } from '../../src-main/ipc/dispatcher'
import { EventBus } from '../../src-main/ipc/event-bus'
import type { Handlers } from '../../src-main/ipc/handlers-types'
import { AppError } from '../../src-main/errors'
import { readSettings, writeSettings } from '../../src-main/settings/settings-service'
import { testApp, testPlatform } from '../support/test-app'

type TestApp = Awaited<ReturnType<typeof testApp>>
const apps: TestApp[] = []
const fresh = async (): Promise<TestApp> => {
  const app = await testApp()
  apps.push(app)
  return app
}
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()))
})

const auditCount = (app: TestApp): number =>
  Number(app.ledger.db.prepare('SELECT count(*) FROM audit_entry').pluck().get())

/** A dispatcher over the real ledger with some handlers swapped for misbehaving ones. */
const withHandlers = (app: TestApp, override: Partial<Handlers>) =>
  createDispatcher({
    handlers: { ...createHandlers(app.ledger, testPlatform(), app.payments), ...override },
    dataSource: app.ledger.dataSource,
    events: app.events,
    operator: 'tester',
    now: app.clock.now,
    logError: (_m, e) => app.errors.push(e),
  })

describe('the dispatcher', () => {
  it('rejects malformed input with validation_failed naming the field, and writes nothing', async () => {
    const app = await fresh()
    const result = await app.dispatch('settings:update', {
      companyName: 'Acme',
      companyEmail: 'not-an-email',
    })
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'validation_failed',
        message: 'Invalid input for settings:update: companyEmail: must be a valid email address',
        fields: { companyEmail: 'must be a valid email address' },
      },
    })
    expect(auditCount(app)).toBe(0)
    expect((await readSettings(app.ledger.dataSource.manager)).companyName).toBe('')
  })

  it('rejects input of the wrong shape entirely', async () => {
    const app = await fresh()
    for (const input of ['text', 42, [1], { limit: 'ten' }]) {
      const result = await app.dispatch('audit:list', input)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.code).toBe('validation_failed')
    }
  })

  it('refuses values that are not plain data (as Electron IPC carries them), starting nothing', async () => {
    const app = await fresh()
    const deep: Record<string, unknown> = {}
    let at = deep
    for (let i = 0; i < 40; i++) {
      const next: Record<string, unknown> = {}
      at['a'] = next
      at = next
    }
    for (const [i, input] of [
      new Date('2026-11-30T00:00:00Z'),
      new Map([['period', '2026-11']]),
      new Set(['2026-11']),
      /2026-11/,
      { period: new Date('2026-11-30T00:00:00Z') },
      { tags: [new Uint8Array(2)] },
      { amount: Number.NaN },
      deep,
    ].entries()) {
      const result = await app.dispatch('billing:run', input)
      expect(result, `input ${i}`).toMatchObject({
        ok: false,
        error: { code: 'validation_failed' },
      })
    }
    expect(app.ledger.db.prepare('SELECT count(*) FROM billing_run').pluck().get()).toBe(0)
    expect(auditCount(app)).toBe(0)
    expect(await app.dispatch('settings:get', Object.create(null) as object)).toMatchObject({
      ok: true,
    })
  })

  it('refuses an unknown channel', async () => {
    const app = await fresh()
    expect(await app.dispatch('settings:drop', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    })
  })

  it('writes a mutation and its audit entry together, with operator, time, before and after', async () => {
    const app = await fresh()
    const result = await app.dispatch('settings:update', {
      companyName: 'Acme GmbH',
      businessTimeZone: 'Europe/Berlin',
    })
    expect(result).toMatchObject({
      ok: true,
      value: { companyName: 'Acme GmbH', businessTimeZone: 'Europe/Berlin' },
    })
    const page = await app.dispatch('audit:list', {})
    expect(page).toMatchObject({
      ok: true,
      value: {
        total: 1,
        entries: [
          {
            operator: 'tester',
            at: '2026-11-01T09:00:00.000Z',
            action: 'settings:update',
            entityType: 'settings',
            entityId: 'business',
            before: { companyName: '', businessTimeZone: 'UTC' },
            after: { companyName: 'Acme GmbH', businessTimeZone: 'Europe/Berlin' },
          },
        ],
      },
    })
  })

  it('announces each committed audit entry as an event', async () => {
    const app = await fresh()
    const seen: unknown[] = []
    app.events.subscribe((event, payload) => seen.push({ event, payload }))
    await app.dispatch('settings:update', { taxId: 'DE123' })
    expect(seen).toEqual([
      { event: 'audit:appended', payload: { id: 1, action: 'settings:update' } },
    ])
  })

  it('rolls back the change and its audit entry when the handler fails after writing', async () => {
    const app = await fresh()
    const dispatch = withHandlers(app, {
      'settings:update': async (patch, { db, now, audit }) => {
        await writeSettings(db, patch, now())
        await audit({ entityType: 'settings', entityId: 'business', before: null, after: null })
        throw new AppError('conflict', 'Someone else changed the settings.')
      },
    })
    expect(await dispatch('settings:update', { companyName: 'Lost' })).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'Someone else changed the settings.' },
    })
    expect(auditCount(app)).toBe(0)
    expect((await readSettings(app.ledger.dataSource.manager)).companyName).toBe('')
  })

  it('refuses to commit a mutation that wrote no audit entry', async () => {
    const app = await fresh()
    const dispatch = withHandlers(app, {
      'settings:update': async (patch, { db, now }) => {
        await writeSettings(db, patch, now())
        return readSettings(db)
      },
    })
    expect(await dispatch('settings:update', { companyName: 'Unaudited' })).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    })
    expect((await readSettings(app.ledger.dataSource.manager)).companyName).toBe('')
    expect(String(app.errors[0])).toContain('without an audit entry')
  })

  it('hides unexpected errors behind `internal` and keeps the detail in the log', async () => {
    const app = await fresh()
    const dispatch = withHandlers(app, {
      'audit:facets': () => Promise.reject(new Error('disk on fire at /secret/path')),
    })
    const result = await dispatch('audit:facets', {})
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'An unexpected error occurred; details are in the log.' },
    })
    expect(String(app.errors[0])).toContain('disk on fire')
  })

  it('runs concurrent mutations one after another, each with its own audit entry', async () => {
    const app = await fresh()
    const results = await Promise.all(
      ['A', 'B', 'C', 'D'].map((name) => app.dispatch('settings:update', { companyName: name })),
    )
    expect(results.every((r) => r.ok)).toBe(true)
    expect(auditCount(app)).toBe(4)
    const entries = app.ledger.db
      .prepare('SELECT before_json, after_json FROM audit_entry ORDER BY id')
      .all() as { before_json: string; after_json: string }[]
    // Each entry's "before" is the previous entry's "after": no interleaving.
    for (let i = 1; i < entries.length; i++) {
      expect(JSON.parse(entries[i]!.before_json)).toEqual(JSON.parse(entries[i - 1]!.after_json))
    }
  })

  it('lets an event listener be removed', () => {
    const bus = new EventBus()
    const seen: string[] = []
    const off = bus.subscribe((event) => seen.push(event))
    bus.emit('audit:appended', { id: 1, action: 'x:y' })
    off()
    bus.emit('audit:appended', { id: 2, action: 'x:y' })
    expect(seen).toEqual(['audit:appended'])
  })
})
