import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import type { FakeSmtp } from '../fakes/smtp/fake-smtp'
import { seedDraft } from './invoices-support'
import { mailTestApp } from './mail-support'

// The built CLI (`npm run build`) under faketime, as cron would run it. Spawned asynchronously:
// the fake SMTP server answers from this process's event loop.
const cli = fileURLToPath(new URL('../../out/main/cli.js', import.meta.url))
const faketime = ['/usr/bin/faketime', '/usr/local/bin/faketime'].find((p) => existsSync(p))
const folders: string[] = []
let smtp: FakeSmtp | undefined
afterAll(async () => {
  await smtp?.stop()
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

const run = (at: string, args: string[]) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(faketime ?? 'faketime', ['-f', `@${at}`, process.execPath, cli, ...args], {
      env: { ...process.env, TZ: 'UTC', FAKETIME_DONT_FAKE_MONOTONIC: '1' },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })

describe.skipIf(!existsSync(cli) || !faketime)('meterbook mail (built CLI)', () => {
  it('sends an invoice, reports the reminders the tick sent, lists the outbox and sends the test email', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'mb-mail-cli-'))
    folders.push(folder)
    const db = join(folder, 'ledger.sqlite')
    const app = await mailTestApp({ now: '2027-01-17T09:00:00.000Z', ledgerPath: db })
    smtp = app.smtp
    const invoice = await invoke(app.dispatch, 'invoices:finalize', { id: seedDraft(app.db) })
    await app.close()
    const number = invoice.number ?? ''

    const send = await run('2027-01-17 10:00:00', [
      'mail',
      'send',
      '--invoice',
      number,
      '--db',
      db,
      '--json',
    ])
    expect(send.stderr).toBe('')
    expect(send.code).toBe(0)
    expect(JSON.parse(send.stdout)).toMatchObject({ queued: false, pass: { sent: 1 } })

    const tick = await run('2027-02-08 12:00:00', ['tick', '--db', db, '--json'])
    expect(JSON.parse(tick.stdout)).toMatchObject({
      reminders_queued: 1,
      mail: { sent: 1, deferred: 0, error: null },
    })
    expect(smtp.received.map((m) => m.subject)).toEqual([
      `Invoice ${number} from Meterbook Demo GmbH`,
      `Overdue: invoice ${number} (7 days)`,
    ])

    const outbox = await run('2027-02-08 12:05:00', ['mail', 'outbox', '--db', db])
    expect(outbox.code).toBe(0)
    expect(outbox.stdout).toContain('Mail outbox: 0 pending, 0 sending, 2 sent')
    expect(outbox.stdout).toMatch(/sent\s+payment\.overdue 7\s+MB-2027-000001\s+ap@acme\.example/)

    const test = await run('2027-02-08 12:06:00', [
      'mail',
      'test',
      '--to',
      'me@meterbook.example',
      '--db',
      db,
    ])
    expect(test.code).toBe(0)
    expect(test.stdout).toContain('Sent to me@meterbook.example.')
    expect(smtp.received).toHaveLength(3)
  }, 240_000)
})
