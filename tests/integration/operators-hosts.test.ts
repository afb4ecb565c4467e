import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createHandlers } from '../../src-main/app'
import { createDispatcher } from '../../src-main/ipc/dispatcher'
import { retriesHandlers } from '../../src-main/retries/handlers'
import { startWebHost, TOKEN_HEADER, type WebHost } from '../../src-main/web/server'
import { testPlatform } from '../support/test-app'
import { PASSWORDS, auditOperators, teamApp, type TestApp } from './operators-support'

const open: { hosts: WebHost[]; apps: TestApp[] } = { hosts: [], apps: [] }
afterEach(async () => {
  for (const host of open.hosts.splice(0)) await host.close()
  for (const app of open.apps.splice(0)) await app.close()
})

const hostOn = async (app: TestApp): Promise<WebHost> => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'mb-renderer-'))
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Meterbook</title>')
  const host = await startWebHost({ dispatch: app.dispatch, events: app.events, rendererDir })
  open.hosts.push(host)
  return host
}

const call = async (host: WebHost, channel: string, input: unknown): Promise<unknown> => {
  const response = await fetch(`http://127.0.0.1:${host.port}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token },
    body: JSON.stringify(input),
  })
  return response.json()
}

describe('the browser host with operators', () => {
  it('signs in over /api/invoke, the identity tied to its own token only', async () => {
    const { app } = await teamApp()
    open.apps.push(app)
    const mine = await hostOn(app)
    const other = await hostOn(app)
    expect(await call(mine, 'invoices:list', {})).toMatchObject({
      ok: false,
      error: { code: 'sign_in_required' },
    })
    expect(await call(mine, 'session:sign-in', { name: 'chen', password: PASSWORDS.chen })).toEqual(
      {
        ok: true,
        value: {
          signInRequired: true,
          identity: { name: 'chen', displayName: 'Chen', role: 'finance' },
        },
      },
    )
    expect(await call(mine, 'settings:update', { companyName: 'Acme' })).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'Signed in as chen (finance): changing the settings needs the admin role.',
      },
    })
    expect(await call(mine, 'invoices:list', {})).toMatchObject({ ok: true })
    // Another host's token is another session: nobody signed in there.
    expect(await call(other, 'session:whoami', {})).toEqual({
      ok: true,
      value: { signInRequired: true, identity: null },
    })
    expect(await call(mine, 'session:sign-out', {})).toMatchObject({ value: { identity: null } })
    expect(await call(mine, 'invoices:list', {})).toMatchObject({
      error: { code: 'sign_in_required' },
    })
    expect(auditOperators(app)).not.toContain('chen')
  })
})

describe('work the dispatcher hands on to the payments processor', () => {
  it('names the signed-in operator who asked for the pass, not the OS user', async () => {
    const { app, sessions } = await teamApp()
    open.apps.push(app)
    const asked: unknown[] = []
    const retries = retriesHandlers(app.ledger, {
      process: (options) => {
        asked.push(options)
        return Promise.resolve(app.payments.process({ takeAll: false }))
      },
    })
    const dispatch = createDispatcher({
      handlers: {
        ...createHandlers(app.ledger, testPlatform(), app.payments),
        'retries:process': retries['retries:process'],
      },
      dataSource: app.ledger.dataSource,
      events: app.events,
      operator: 'tester',
      now: app.clock.now,
      logError: (_m, e) => app.errors.push(e),
    })
    await dispatch('retries:process', { now: true }, { ...sessions.finance })
    expect(asked).toEqual([{ takeAll: true, operator: 'chen' }])
  })
})
