import type { Role } from '../../src-shared/domain/operators'
import type { Session } from '../../src-main/operators/identity'
import { testApp } from '../support/test-app'

export type TestApp = Awaited<ReturnType<typeof testApp>>

export const PASSWORDS = {
  root: 'correct horse battery',
  chen: 'finance-password-1',
  ana: 'viewer-password-22',
} as const

/** Rows changed on the ledger's connection so far: a refused call must not move it. */
export const changesSoFar = (app: TestApp): number =>
  Number(app.ledger.db.prepare('SELECT total_changes()').pluck().get())

export const auditOperators = (app: TestApp): string[] =>
  app.ledger.db.prepare('SELECT operator FROM audit_entry ORDER BY id').pluck().all() as string[]

/** The value of a call that must succeed, or the test fails with its error. */
export const ok = async <T = unknown>(
  app: TestApp,
  channel: string,
  input: unknown,
  session?: Session,
): Promise<T> => {
  const result = await app.dispatch(channel, input, session)
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`)
  return result.value as T
}

/**
 * A ledger with operators switched on by its single user: root (admin), chen (finance) and ana
 * (viewer), each signed in in their own session.
 */
export const teamApp = async (): Promise<{
  app: TestApp
  sessions: Record<Role, Session>
}> => {
  const app = await testApp()
  const admin: Session = { operatorId: null }
  await ok(
    app,
    'operators:switch-on',
    { name: 'root', displayName: 'Rosa Root', password: PASSWORDS.root },
    admin,
  )
  await ok(
    app,
    'operators:add',
    { name: 'chen', displayName: 'Chen', role: 'finance', password: PASSWORDS.chen },
    admin,
  )
  await ok(
    app,
    'operators:add',
    { name: 'ana', displayName: 'Ana', role: 'viewer', password: PASSWORDS.ana },
    admin,
  )
  const finance: Session = { operatorId: null }
  await ok(app, 'session:sign-in', { name: 'chen', password: PASSWORDS.chen }, finance)
  const viewer: Session = { operatorId: null }
  await ok(app, 'session:sign-in', { name: 'ana', password: PASSWORDS.ana }, viewer)
  return { app, sessions: { admin, finance, viewer } }
}
