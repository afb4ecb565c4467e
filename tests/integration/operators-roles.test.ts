import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../src-shared/domain/operators'
import {
  bulkChannels,
  inputSchemas,
  mutationChannels,
  type Channel,
} from '../../src-shared/ipc/contract'
import { testApp } from '../support/test-app'
import { changesSoFar, teamApp, type TestApp } from './operators-support'

const channels = Object.keys(inputSchemas) as Channel[]
const writes: readonly Channel[] = [...mutationChannels, ...bulkChannels]

/** Configuration: what only an admin may do. */
const adminOnly: readonly Channel[] = [
  'settings:update',
  'catalog:create-plan',
  'catalog:save-draft',
  'catalog:discard-draft',
  'catalog:publish',
  'catalog:import',
  'payments:set-key',
  'payments:clear-key',
  'payments:test-connection',
  'plan-moves:apply',
  'operators:list',
  'operators:add',
  'operators:set-role',
  'operators:disable',
  'operators:reset-password',
  'operators:switch-on',
  'operators:switch-off',
  // Coupons (issue 21, item 6): the codes are catalog.
  'coupons:create',
  'coupons:archive',
  // Mail (issue 21, item 3): the SMTP password and the test send are settings work.
  'mail:set-password',
  'mail:clear-password',
  'mail:test',
]
/** The money work finance does besides what a viewer reads. */
const financeWork: readonly Channel[] = [
  'customers:save',
  'customers:import',
  'usage:import-begin',
  'usage:import-chunk',
  'usage:import-cancel',
  'billing:run',
  'invoices:finalize',
  'invoices:void',
  'invoices:mark-paid',
  'invoices:mark-uncollectible',
  'invoices:add-line',
  'invoices:remove-line',
  'invoices:regenerate',
  'invoices:credit-note',
  'subscriptions:change-plan',
  'subscriptions:cancel',
  'subscriptions:transition',
  'credits:add',
  'discounts:create',
  'discounts:deactivate',
  'payments:push',
  'payments:sync',
  'retries:act',
  'retries:process',
  // Coupons (issue 21, item 6)
  'coupons:redeem',
  'coupons:remove',
  // Usage alerts (issue 21, item 4).
  'alerts:acknowledge',
  // Disputes (issue 21, item 1).
  'disputes:open',
  'disputes:review',
  'disputes:resolve',
  // Mail (issue 21, item 3)
  'mail:retry',
  'mail:process',
  'mail:send-invoice',
]
const beforeSignIn: readonly Channel[] = ['session:whoami', 'session:sign-in', 'session:sign-out']

const expectedAllowed = (role: Role, channel: Channel): boolean => {
  if (role === 'admin') return true
  if (adminOnly.includes(channel)) return false
  if (role === 'finance') return true
  return !financeWork.includes(channel)
}

/**
 * An input no schema accepts (an unknown key for strict schemas, missing fields for the others),
 * so an allowed call stops at validation: it shows it got past the role check without running.
 */
const probe = { notAField: true }

describe('the role walk over every channel, through the real dispatcher', () => {
  let app: TestApp
  let sessions: Awaited<ReturnType<typeof teamApp>>['sessions']
  beforeAll(async () => {
    ;({ app, sessions } = await teamApp())
  })
  afterAll(async () => {
    await app.close()
  })

  it('lists the role policy for every channel of the contract, and viewers change nothing', () => {
    for (const channel of [...adminOnly, ...financeWork, ...beforeSignIn])
      expect(channels).toContain(channel)
    // Every write is finance work or configuration: none is left to a viewer.
    for (const channel of writes) expect([...adminOnly, ...financeWork], channel).toContain(channel)
  })

  it.each<Role>(['viewer', 'finance', 'admin'])(
    'lets a %s call exactly what the role allows; every refusal is forbidden and writes nothing',
    async (role) => {
      const refused: Channel[] = []
      for (const channel of channels) {
        const before = changesSoFar(app)
        const result = await app.dispatch(channel, probe, { ...sessions[role] })
        const code = result.ok ? null : result.error.code
        if (code === 'forbidden') {
          refused.push(channel)
          expect(changesSoFar(app), channel).toBe(before)
        } else {
          expect(code, channel).not.toBe('sign_in_required')
        }
        expect(code === 'forbidden', `${role} ${channel}`).toBe(!expectedAllowed(role, channel))
      }
      const counts = { viewer: adminOnly.length + financeWork.length, finance: adminOnly.length }
      expect(refused).toHaveLength(role === 'admin' ? 0 : counts[role])
    },
  )

  it('asks a session nobody signed in to to sign in for everything but signing in', async () => {
    for (const channel of channels) {
      const before = changesSoFar(app)
      const result = await app.dispatch(channel, probe, { operatorId: null })
      const code = result.ok ? null : result.error.code
      expect(code === 'sign_in_required', channel).toBe(!beforeSignIn.includes(channel))
      expect(changesSoFar(app), channel).toBe(before)
    }
  })

  it('refuses with the role and what was asked in the message', async () => {
    const result = await app.dispatch(
      'invoices:credit-note',
      { invoiceId: 1, amountMinor: 100, reason: 'goodwill', settle: 'balance' },
      { ...sessions.viewer },
    )
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'Signed in as ana (viewer): issuing credit notes needs the finance role.',
      },
    })
    const publish = await app.dispatch(
      'catalog:publish',
      { id: 'pro', effectiveFrom: '2026-12-01' },
      { ...sessions.finance },
    )
    expect(publish).toMatchObject({
      ok: false,
      error: { message: 'Signed in as chen (finance): publishing plans needs the admin role.' },
    })
  })
})

describe('a single user without operators', () => {
  it('is never asked to sign in nor refused, on any channel', async () => {
    const app = await testApp()
    try {
      for (const channel of channels) {
        const result = await app.dispatch(channel, probe)
        const code = result.ok ? null : result.error.code
        expect(['forbidden', 'sign_in_required'], channel).not.toContain(code)
      }
      expect(await app.dispatch('session:whoami', {})).toEqual({
        ok: true,
        value: {
          signInRequired: false,
          identity: { name: 'tester', displayName: 'tester', role: 'admin' },
        },
      })
    } finally {
      await app.close()
    }
  })
})
