import { afterEach, describe, expect, it } from 'vitest'
import type { Operator, Whoami } from '../../src-shared/domain/operators'
import type { Session } from '../../src-main/operators/identity'
import { testApp } from '../support/test-app'
import { PASSWORDS, auditOperators, ok, teamApp, type TestApp } from './operators-support'

const apps: TestApp[] = []
const team = async () => {
  const made = await teamApp()
  apps.push(made.app)
  return made
}
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()))
})

const fresh = (): Session => ({ operatorId: null })

const errorOf = async (app: TestApp, channel: string, input: unknown, session?: Session) => {
  const result = await app.dispatch(channel, input, session)
  if (result.ok) throw new Error(`${channel} succeeded`)
  return result.error
}

describe('switching operators on', () => {
  it('creates the first admin in the same step and carries on signed in as them', async () => {
    const app = await testApp()
    apps.push(app)
    const session = fresh()
    const whoami = await ok<Whoami>(
      app,
      'operators:switch-on',
      { name: 'root', displayName: 'Rosa Root', password: PASSWORDS.root },
      session,
    )
    expect(whoami).toEqual({
      signInRequired: true,
      identity: { name: 'root', displayName: 'Rosa Root', role: 'admin' },
    })
    // The single user switched it on: the audit names them for that step, then the admin.
    await ok(app, 'settings:update', { companyName: 'Acme' }, session)
    expect(auditOperators(app)).toEqual(['tester', 'tester', 'root'])
    // Anyone else now has to sign in.
    expect((await errorOf(app, 'settings:get', {})).code).toBe('sign_in_required')
    expect(
      (
        await errorOf(
          app,
          'operators:switch-on',
          { name: 'x', displayName: 'X', password: PASSWORDS.root },
          session,
        )
      ).code,
    ).toBe('conflict')
  })

  it('refuses a first admin with a short password, and stays off', async () => {
    const app = await testApp()
    apps.push(app)
    const error = await errorOf(app, 'operators:switch-on', {
      name: 'root',
      displayName: 'Root',
      password: 'short1',
    })
    expect(error).toMatchObject({
      code: 'validation_failed',
      fields: { password: 'must be at least 12 characters' },
    })
    expect(await ok(app, 'session:whoami', {})).toMatchObject({ signInRequired: false })
  })
})

describe('signing in', () => {
  it('fails with the same message whether the name is unknown, disabled or the password wrong', async () => {
    const { app, sessions } = await team()
    await ok(app, 'operators:disable', { name: 'chen' }, sessions.admin)
    const attempts = [
      { name: 'nobody', password: PASSWORDS.ana },
      { name: 'ana', password: 'not-her-password' },
      { name: 'chen', password: PASSWORDS.chen },
    ]
    const errors = await Promise.all(
      attempts.map((input) => errorOf(app, 'session:sign-in', input, fresh())),
    )
    for (const error of errors)
      expect(error).toEqual({
        code: 'sign_in_required',
        message: 'Sign-in failed: the name or the password is not right.',
      })
  })

  it('takes the name in any case, and the audit names the operator, not the OS user', async () => {
    const { app } = await team()
    const session = fresh()
    const whoami = await ok<Whoami>(
      app,
      'session:sign-in',
      { name: 'ROOT', password: PASSWORDS.root },
      session,
    )
    expect(whoami.identity).toEqual({ name: 'root', displayName: 'Rosa Root', role: 'admin' })
    await ok(app, 'settings:update', { companyName: 'Acme' }, session)
    expect(auditOperators(app).at(-1)).toBe('root')
    expect(auditOperators(app)).not.toContain('ROOT')
  })

  it('signs out: the session is asked to sign in again', async () => {
    const { app, sessions } = await team()
    expect(await ok(app, 'session:sign-out', {}, sessions.viewer)).toEqual({
      signInRequired: true,
      identity: null,
    })
    expect((await errorOf(app, 'invoices:list', {}, sessions.viewer)).code).toBe('sign_in_required')
  })
})

describe('managing operators', () => {
  it('never stores, audits or returns the password, nor returns its hash', async () => {
    const { app, sessions } = await team()
    await ok(
      app,
      'operators:reset-password',
      { name: 'ana', password: 'a-brand-new-password' },
      sessions.admin,
    )
    const listed = await ok<Operator[]>(app, 'operators:list', {}, sessions.admin)
    expect(listed.map((o) => [o.name, o.role, o.disabledAt])).toEqual([
      ['ana', 'viewer', null],
      ['chen', 'finance', null],
      ['root', 'admin', null],
    ])
    expect(Object.keys(listed[0] ?? {}).sort()).toEqual([
      'createdAt',
      'disabledAt',
      'displayName',
      'name',
      'role',
    ])
    const audit = JSON.stringify(app.ledger.db.prepare('SELECT * FROM audit_entry').all())
    for (const secret of [...Object.values(PASSWORDS), 'a-brand-new-password', '$argon2'])
      expect(audit).not.toContain(secret)
    const reset = app.ledger.db
      .prepare("SELECT after_json FROM audit_entry WHERE action = 'operators:reset-password'")
      .pluck()
      .get() as string
    expect(JSON.parse(reset)).toMatchObject({ name: 'ana', passwordReset: true })
    const hashes = app.ledger.db.prepare('SELECT password_hash FROM operator').pluck().all()
    for (const hash of hashes) expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    // The new password works and the old one no longer does.
    await ok(app, 'session:sign-in', { name: 'ana', password: 'a-brand-new-password' }, fresh())
    expect(
      (await errorOf(app, 'session:sign-in', { name: 'ana', password: PASSWORDS.ana }, fresh()))
        .code,
    ).toBe('sign_in_required')
  })

  it('refuses a second operator of the same name in another case', async () => {
    const { app, sessions } = await team()
    const error = await errorOf(
      app,
      'operators:add',
      { name: 'Chen', displayName: 'Chen 2', role: 'admin', password: PASSWORDS.chen },
      sessions.admin,
    )
    expect(error).toMatchObject({ code: 'conflict', fields: { name: 'is already taken' } })
  })

  it('never disables or demotes the last active admin, and changes nothing trying', async () => {
    const { app, sessions } = await team()
    const state = (): unknown[] => [
      app.ledger.db.prepare('SELECT name, role, disabled_at FROM operator ORDER BY id').raw().all(),
      app.ledger.db.prepare('SELECT count(*) FROM audit_entry').pluck().get(),
    ]
    const before = state()
    expect(await errorOf(app, 'operators:disable', { name: 'root' }, sessions.admin)).toEqual({
      code: 'conflict',
      message: 'Disabling root would leave no active admin: make another operator admin first.',
    })
    expect(
      (await errorOf(app, 'operators:set-role', { name: 'root', role: 'finance' }, sessions.admin))
        .message,
    ).toBe('Making root finance would leave no active admin: make another operator admin first.')
    expect(state()).toEqual(before)
    // With a second admin, the first may step down.
    await ok(app, 'operators:set-role', { name: 'chen', role: 'admin' }, sessions.admin)
    await ok(app, 'operators:set-role', { name: 'root', role: 'viewer' }, sessions.admin)
    expect((await errorOf(app, 'operators:list', {}, sessions.admin)).code).toBe('forbidden')
  })

  it('applies a role change or a disable to a signed-in session at its next call', async () => {
    const { app, sessions } = await team()
    await ok(app, 'operators:set-role', { name: 'chen', role: 'viewer' }, sessions.admin)
    expect(await errorOf(app, 'billing:run', {}, sessions.finance)).toEqual({
      code: 'forbidden',
      message: 'Signed in as chen (viewer): running billing needs the finance role.',
    })
    await ok(app, 'operators:disable', { name: 'ana' }, sessions.admin)
    expect((await errorOf(app, 'invoices:list', {}, sessions.viewer)).code).toBe('sign_in_required')
  })

  it('refuses a write whose operator lost the role while it waited for its turn', async () => {
    const { app, sessions } = await team()
    let release = (): void => undefined
    let held: Promise<void> = Promise.resolve()
    // Another writer holds the turn (a long import, say) ...
    await new Promise<void>((started) => {
      held = app.dispatch.inTurn(
        () =>
          new Promise<void>((resolve) => {
            release = resolve
            started()
          }),
      )
    })
    // ... while chen's billing run passes the first check and waits for the turn.
    const waiting = app.dispatch('billing:run', {}, sessions.finance)
    await new Promise((resolve) => setTimeout(resolve, 100))
    // Meanwhile chen becomes a viewer (as another process sharing the ledger would do it).
    app.ledger.db.prepare("UPDATE operator SET role = 'viewer' WHERE name = 'chen'").run()
    release()
    await held
    expect(await waiting).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'Signed in as chen (viewer): running billing needs the finance role.',
      },
    })
    expect(app.ledger.db.prepare('SELECT count(*) FROM billing_run').pluck().get()).toBe(0)
  })

  it('switches off back to one user, whom the audit names again', async () => {
    const { app, sessions } = await team()
    await ok(app, 'operators:switch-off', {}, sessions.admin)
    await ok(app, 'settings:update', { companyName: 'Solo' })
    expect(auditOperators(app).slice(-2)).toEqual(['root', 'tester'])
    expect(await ok(app, 'session:whoami', {})).toMatchObject({ signInRequired: false })
  })
})
