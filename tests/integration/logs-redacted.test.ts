import { afterEach, describe, expect, it, vi } from 'vitest'
import { startApp } from '../../src-main/app'
import { frozenClock, testPlatform } from '../support/test-app'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('what main logs', () => {
  it('logs an internal failure quoting its input truncated, with the key in it redacted', async () => {
    const logged: string[] = []
    vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => {
      logged.push(parts.map((p) => (p instanceof Error ? `${p.stack ?? ''}` : String(p))).join(' '))
    })
    // The app's own logger, not a test's.
    const app = await startApp({
      ledgerPath: ':memory:',
      platform: testPlatform(),
      now: frozenClock().now,
    })
    try {
      app.ledger.db
        .prepare(
          `INSERT INTO customer (external_id, name, currency, created_at, updated_at)
           VALUES ('acme', 'Acme', 'USD', '2026-09-01T00:00:00.000Z', '2026-09-01T00:00:00.000Z')`,
        )
        .run()
      // A failure that quotes its input, as SQLite's own errors do ("pattern too complex").
      app.ledger.db.function('like', { varargs: true }, (pattern: unknown) => {
        throw new Error(`cannot match ${String(pattern).repeat(100)}`)
      })
      const search = 'token=4f2a9c0e8b7d6a5f'
      const result = await app.dispatch('customers:list', { search })
      expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
      expect(logged).toHaveLength(1)
      const [line = ''] = logged
      // The message (the input 100 times) is cut, and everything after token= redacted.
      expect(line.split('\n').slice(0, 2)).toEqual([
        'customers:list failed',
        'QueryFailedError: cannot match %token=[redacted]… (2413 chars)',
      ])
      expect(line).not.toContain('4f2a9c0e8b7d6a5f')
      expect(line.length).toBeLessThan(2_500)
    } finally {
      await app.close()
    }
  })
})
