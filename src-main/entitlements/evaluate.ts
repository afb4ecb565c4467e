import Big from 'big.js'
import type { FeatureOverride, PlanFeature } from '../../src-shared/domain/catalog'
import type { Entitlement } from '../../src-shared/domain/entitlements'
import type { DecimalString } from '../../src-shared/domain/pricing'
import { applyOverride } from './apply-override'
import { fixedWindow, windowMs } from './rate-window'

export const DEFAULT_ALERT_THRESHOLDS = [75, 90, 100]

export type UsagePoint = { at: Date; quantity: DecimalString }

export type EntitlementQuery = {
  feature: PlanFeature
  /** The customer's custom contract for this feature, if any: it wins over the plan. */
  override?: FeatureOverride
  at: Date
  /** The customer's current billing period, [start, end). */
  period: { start: Date; end: Date }
  /** Usage of this feature in the period up to `at` (USAGE and QUOTA). */
  periodUsage?: DecimalString
  /** Usage events up to `at`, at least one window's worth (RATE). */
  recentUsage?: UsagePoint[]
  /** How much the caller wants to use now; without it, whether any more is allowed. */
  requested?: DecimalString
}

const ZERO = new Big(0)

const sum = (points: UsagePoint[]): Big => points.reduce((total, p) => total.plus(p.quantity), ZERO)

type Meter = Pick<
  Entitlement,
  'used' | 'limit' | 'remaining' | 'percentUsed' | 'alerts' | 'thresholds'
>

const measure = (
  used: Big,
  limit: Big | null,
  requested: Big | null,
  thresholds: number[],
): { meter: Meter; withinLimit: boolean } => {
  if (limit === null) {
    const meter = {
      used: used.toFixed(),
      limit: null,
      remaining: null,
      percentUsed: null,
      alerts: [],
      thresholds: [],
    }
    return { meter, withinLimit: true }
  }
  const remaining = limit.minus(used)
  const percent = limit.eq(0) ? null : Number(used.times(100).div(limit).toFixed(2))
  const reached = (t: number): boolean => (percent === null ? used.gt(0) : percent >= t)
  const ascending = [...thresholds].sort((a, b) => a - b)
  return {
    meter: {
      used: used.toFixed(),
      limit: limit.toFixed(),
      remaining: (remaining.lt(0) ? ZERO : remaining).toFixed(),
      percentUsed: percent,
      alerts: ascending.filter(reached),
      thresholds: ascending,
    },
    withinLimit: requested ? used.plus(requested).lte(limit) : remaining.gt(0),
  }
}

/**
 * Answers, for one feature of a customer at a moment: may they use it, how much have they used of
 * what limit, when does it reset, and which usage alerts have fired. Pure: the caller supplies the
 * usage, so the same question gets the same answer on any host.
 */
export const evaluateEntitlement = (query: EntitlementQuery): Entitlement => {
  const { override, at, period } = query
  const feature = applyOverride(query.feature, override)
  // Switching a metered feature off for one customer is also part of a custom contract.
  const enabled = override?.enabled ?? true
  const requested = query.requested === undefined ? null : new Big(query.requested)
  const base = { code: feature.code, type: feature.type }

  switch (feature.type) {
    case 'boolean': {
      return {
        ...base,
        allowed: feature.enabled,
        used: '0',
        limit: null,
        remaining: null,
        percentUsed: null,
        resetsAt: null,
        alerts: [],
        thresholds: [],
      }
    }
    case 'usage': {
      // Usage is always allowed (it is charged); included units give it a meter to watch.
      const m = measure(
        new Big(query.periodUsage ?? '0'),
        feature.includedUnits === undefined ? null : new Big(feature.includedUnits),
        null,
        feature.alertThresholds ?? DEFAULT_ALERT_THRESHOLDS,
      )
      const { meter } = m
      return {
        ...base,
        ...meter,
        allowed: enabled,
        resetsAt: period.end.toISOString(),
      }
    }
    case 'quota': {
      const m = measure(
        new Big(query.periodUsage ?? '0'),
        new Big(feature.limit),
        requested,
        feature.alertThresholds ?? DEFAULT_ALERT_THRESHOLDS,
      )
      const { meter, withinLimit } = m
      const allowed = enabled && (feature.enforcement === 'soft' || withinLimit)
      return { ...base, ...meter, allowed, resetsAt: period.end.toISOString() }
    }
    case 'rate': {
      const length = windowMs(feature.window)
      const events = (query.recentUsage ?? []).filter((e) => e.at.getTime() <= at.getTime())
      let inWindow: UsagePoint[]
      let resetsAt: Date | null
      if (feature.windowMode === 'fixed') {
        const window = fixedWindow(feature.window, at)
        inWindow = events.filter((e) => e.at.getTime() >= window.start.getTime())
        resetsAt = window.end
      } else {
        inWindow = events.filter((e) => e.at.getTime() > at.getTime() - length)
        // A sliding window frees capacity as its oldest use falls out of it.
        const oldest = Math.min(...inWindow.map((e) => e.at.getTime()))
        resetsAt = inWindow.length > 0 ? new Date(oldest + length) : null
      }
      const m = measure(
        sum(inWindow),
        new Big(feature.limit),
        requested,
        feature.alertThresholds ?? DEFAULT_ALERT_THRESHOLDS,
      )
      const { meter, withinLimit } = m
      return {
        ...base,
        ...meter,
        allowed: enabled && withinLimit,
        resetsAt: resetsAt?.toISOString() ?? null,
      }
    }
  }
}

export type { Entitlement }
