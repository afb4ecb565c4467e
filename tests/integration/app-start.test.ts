import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openLedger } from '../../src-main/db/ledger'
import { frozenClock, testApp } from '../support/test-app'
import { startApp } from '../../src-main/app'
import { testPlatform } from '../support/test-app'

const status = (db: Awaited<ReturnType<typeof openLedger>>['db']): unknown =>
  db.prepare("SELECT status FROM usage_import WHERE id = 'cut-off'").pluck().get()

describe('starting the app', () => {
  it('marks an import a crash cut off as interrupted when a long-running host starts, not for a one-off command', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'mb-start-')), 'ledger.sqlite')
    const ledger = await openLedger(path)
    ledger.db
      .prepare(
        "INSERT INTO usage_import (id, file_name, format, policy, status, mapping_json, operator, started_at) VALUES ('cut-off', 'u.csv', 'csv', 'keep_valid', 'running', '{}', 'ada', '2026-11-01T00:00:00.000Z')",
      )
      .run()
    await ledger.close()

    const cli = await testApp({ ledgerPath: path })
    expect(status(cli.ledger.db)).toBe('running')
    await cli.close()

    const host = await startApp({
      ledgerPath: path,
      platform: testPlatform(),
      now: frozenClock().now,
      recoverInterrupted: true,
    })
    expect(status(host.ledger.db)).toBe('interrupted')
    await host.close()
  })
})
