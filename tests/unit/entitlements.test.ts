import { describe, expect, it } from 'vitest'
import type { PlanFeature } from '../../src-shared/domain/catalog'
import { applyOverride } from '../../src-main/entitlements/apply-override'
import { evaluateEntitlement, type EntitlementQuery } from '../../src-main/entitlements/evaluate'

const period = { start: new Date('2026-11-01T00:00:00Z'), end: new Date('2026-12-01T00:00:00Z') }
const at = new Date('2026-11-15T10:30:00Z')
const ask = (feature: PlanFeature, extra: Partial<EntitlementQuery> = {}) =>
  evaluateEntitlement({ feature, at, period, ...extra })

const seats: PlanFeature = {
  code: 'seats',
  name: 'Seats',
  type: 'quota',
  limit: '10',
  enforcement: 'hard',
}
const calls: PlanFeature = {
  code: 'api_calls',
  name: 'API calls',
  type: 'rate',
  limit: '100',
  window: { unit: 'hour', count: 1 },
  windowMode: 'fixed',
}
const minutesAgo = (n: number, quantity = '1') => ({
  at: new Date(at.getTime() - n * 60_000),
  quantity,
})

describe('boolean features', () => {
  it('follow the plan, unless the customer contract says otherwise', () => {
    const sso: PlanFeature = { code: 'sso', name: 'SSO', type: 'boolean', enabled: false }
    expect(ask(sso).allowed).toBe(false)
    expect(ask(sso, { override: { code: 'sso', enabled: true } }).allowed).toBe(true)
  })
})

describe('quota features', () => {
  it('report used, limit, remaining, percent and the period end', () => {
    expect(ask(seats, { periodUsage: '7.5' })).toEqual({
      code: 'seats',
      type: 'quota',
      allowed: true,
      used: '7.5',
      limit: '10',
      remaining: '2.5',
      percentUsed: 75,
      resetsAt: '2026-12-01T00:00:00.000Z',
      alerts: [75],
      thresholds: [75, 90, 100],
    })
  })

  it('block at the limit when hard, with every alert reached', () => {
    const full = ask(seats, { periodUsage: '10' })
    expect(full).toMatchObject({
      allowed: false,
      remaining: '0',
      percentUsed: 100,
      alerts: [75, 90, 100],
    })
    expect(ask(seats, { periodUsage: '9', requested: '1' }).allowed).toBe(true)
    expect(ask(seats, { periodUsage: '9', requested: '2' }).allowed).toBe(false)
  })

  it('keep allowing beyond the limit when soft (the overage is charged)', () => {
    const soft: PlanFeature = {
      ...seats,
      enforcement: 'soft',
      pricing: { model: 'flat', unit_amount: '5' },
    }
    expect(ask(soft, { periodUsage: '12' })).toMatchObject({
      allowed: true,
      remaining: '0',
      percentUsed: 120,
    })
  })

  it('use the customer override of the limit and of the thresholds of the plan', () => {
    const custom = ask(
      { ...seats, alertThresholds: [50] },
      {
        periodUsage: '12',
        override: { code: 'seats', limit: '25' },
      },
    )
    expect(custom).toMatchObject({
      allowed: true,
      limit: '25',
      remaining: '13',
      percentUsed: 48,
      alerts: [],
      thresholds: [50],
    })
  })

  it('has no percentage for a zero limit, but alerts once anything is used', () => {
    expect(ask({ ...seats, limit: '0' }, { periodUsage: '1' })).toMatchObject({
      allowed: false,
      percentUsed: null,
      alerts: [75, 90, 100],
    })
  })
})

describe('usage features', () => {
  it('are always allowed and metered against their included units', () => {
    const storage: PlanFeature = {
      code: 'storage_gb',
      name: 'Storage',
      type: 'usage',
      includedUnits: '50',
      pricing: { model: 'flat', unit_amount: '0.10' },
    }
    expect(ask(storage, { periodUsage: '60' })).toMatchObject({
      allowed: true,
      used: '60',
      limit: '50',
      remaining: '0',
      percentUsed: 120,
      alerts: [75, 90, 100],
    })
    const unmetered = { ...storage, includedUnits: undefined } as PlanFeature
    expect(ask(unmetered, { periodUsage: '60' })).toMatchObject({
      limit: null,
      percentUsed: null,
      alerts: [],
    })
  })
})

describe('rate features', () => {
  it('count a fixed window aligned to the hour and reset when it passes', () => {
    const recentUsage = [minutesAgo(45, '50'), minutesAgo(29, '60'), minutesAgo(5, '30')]
    // 09:45 is in the previous hour; 10:01 and 10:25 are in this one.
    expect(ask(calls, { recentUsage })).toMatchObject({
      allowed: true,
      used: '90',
      remaining: '10',
      resetsAt: '2026-11-15T11:00:00.000Z',
      alerts: [75, 90],
    })
    expect(ask(calls, { recentUsage, requested: '11' }).allowed).toBe(false)
  })

  it('count a sliding window back from the moment, freeing capacity as old use falls out', () => {
    const sliding = { ...calls, windowMode: 'sliding' } as PlanFeature
    const recentUsage = [minutesAgo(70, '100'), minutesAgo(45, '50'), minutesAgo(5, '50')]
    expect(ask(sliding, { recentUsage })).toMatchObject({
      allowed: false,
      used: '100',
      remaining: '0',
      resetsAt: '2026-11-15T10:45:00.000Z',
    })
  })

  it('ignore events after the moment asked about', () => {
    expect(ask(calls, { recentUsage: [minutesAgo(-1, '500')] })).toMatchObject({
      used: '0',
      allowed: true,
    })
  })

  it('supports day windows, which reset at midnight UTC', () => {
    const daily = { ...calls, window: { unit: 'day', count: 1 } } as PlanFeature
    expect(ask(daily).resetsAt).toBe('2026-11-16T00:00:00.000Z')
  })
})

describe('customer overrides (custom contracts)', () => {
  const api: PlanFeature = {
    code: 'api_calls',
    name: 'API calls',
    type: 'usage',
    includedUnits: '1000',
    pricing: { model: 'flat', unit_amount: '0.01' },
  }

  it('win over the plan for the fields they set and leave the rest', () => {
    expect(
      applyOverride(api, { code: 'api_calls', pricing: { model: 'flat', unit_amount: '0.005' } }),
    ).toEqual({
      ...api,
      pricing: { model: 'flat', unit_amount: '0.005' },
    })
    expect(applyOverride(api, { code: 'api_calls', includedUnits: '5000' })).toEqual({
      ...api,
      includedUnits: '5000',
    })
    expect(applyOverride(seats, { code: 'seats', limit: '50' })).toEqual({ ...seats, limit: '50' })
  })

  it('apply only to the feature they name', () => {
    expect(applyOverride(seats, { code: 'api_calls', limit: '50' })).toBe(seats)
    expect(applyOverride(seats, undefined)).toBe(seats)
  })

  it('can switch a metered feature off for one customer', () => {
    expect(
      ask(api, { periodUsage: '1', override: { code: 'api_calls', enabled: false } }).allowed,
    ).toBe(false)
  })
})
