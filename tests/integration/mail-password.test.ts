import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { startFakeSmtp, type FakeSmtp } from '../fakes/smtp/fake-smtp'
import { testApp } from '../support/test-app'
import { mailSettings } from './mail-support'

const PASSWORD = 'smtp-Secret-4711-do-not-store'
let dir: string
let smtp: FakeSmtp
afterEach(async () => {
  await smtp.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('the SMTP password', () => {
  it('signs in with it, yet never writes it to the ledger file, the audit or a reply', async () => {
    dir = mkdtempSync(join(tmpdir(), 'meterbook-mail-'))
    smtp = await startFakeSmtp()
    const app = await testApp({ ledgerPath: join(dir, 'ledger.sqlite') })
    await invoke(app.dispatch, 'settings:update', {
      companyName: 'Meterbook Demo GmbH',
      mail: mailSettings(smtp.port, { user: 'billing' }),
    })
    const status = await invoke(app.dispatch, 'mail:set-password', { password: PASSWORD })
    expect(status).toMatchObject({ configured: true, passwordSet: true, passwordSource: 'session' })
    expect(JSON.stringify(status)).not.toContain(PASSWORD)
    const test = await invoke(app.dispatch, 'mail:test', { to: 'me@meterbook.example' })
    expect(test.ok).toBe(true)
    expect(smtp.logins).toEqual([{ username: 'billing', password: PASSWORD }])
    expect(smtp.received.map((m) => m.subject)).toEqual(['Test email from Meterbook Demo GmbH'])
    const audit = await invoke(app.dispatch, 'audit:list', {})
    expect(JSON.stringify(audit)).not.toContain(PASSWORD)
    expect(JSON.stringify(audit)).toContain('smtp-password')
    const settings = await invoke(app.dispatch, 'settings:get', {})
    expect(JSON.stringify(settings)).not.toContain(PASSWORD)
    await app.close()
    const files = readdirSync(dir)
    expect(files.length).toBeGreaterThan(0)
    for (const file of files)
      expect(readFileSync(join(dir, file)).includes(Buffer.from(PASSWORD))).toBe(false)
  })

  it('reports a test email the server could not take, without throwing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'meterbook-mail-'))
    smtp = await startFakeSmtp()
    const app = await testApp()
    await invoke(app.dispatch, 'settings:update', { mail: mailSettings(smtp.port) })
    await smtp.stop()
    const test = await invoke(app.dispatch, 'mail:test', { to: 'me@meterbook.example' })
    expect(test.ok).toBe(false)
    expect(test.message).toMatch(/^The test email could not be sent: .*ECONNREFUSED/)
    await app.close()
  })
})
