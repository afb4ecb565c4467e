import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openLedger } from '../../src-main/db/ledger'
import { processOwner } from '../../src-main/db/process-owner'
import { testApp } from '../support/test-app'

const statuses = (db: Awaited<ReturnType<typeof openLedger>>['db']): unknown =>
  db.prepare('SELECT id, status FROM usage_import ORDER BY id').raw().all()

describe('starting the app', () => {
  it('marks imports whose process died as interrupted at any start, and leaves a live process’s import alone', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'mb-start-')), 'ledger.sqlite')
    const ledger = await openLedger(path)
    const insert = ledger.db.prepare(
      `INSERT INTO usage_import (id, file_name, format, policy, status, mapping_json, operator,
         started_at, owner)
       VALUES (?, 'u.csv', 'csv', 'keep_valid', 'running', '{}', 'ada', '2026-11-01T00:00:00.000Z', ?)`,
    )
    const [host = '', , start = ''] = processOwner().split('#')
    // Pid 2^22 + 1 is past Linux's largest: no process has it.
    insert.run('cut-off', `${host}#4194305#${start}`)
    insert.run('live', processOwner())
    // Recorded before owners were: by a build whose processes are gone.
    insert.run('unowned', null)
    // This process's pid with another start time: the pid was reused, the owner is gone.
    insert.run('reused-pid', `${host}#${process.pid}#1`)
    // Another machine sharing the ledger: cannot be checked, so taken to be alive.
    insert.run('elsewhere', `some-other-host#1#1`)
    await ledger.close()

    // A one-off command's start (the CLI) is enough: nothing needs a long-running host.
    const cli = await testApp({ ledgerPath: path })
    expect(statuses(cli.ledger.db)).toEqual([
      ['cut-off', 'interrupted'],
      ['elsewhere', 'running'],
      ['live', 'running'],
      ['reused-pid', 'interrupted'],
      ['unowned', 'interrupted'],
    ])
    await cli.close()
  })
})
