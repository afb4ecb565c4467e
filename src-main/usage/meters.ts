import type { EntityManager } from 'typeorm'
import type { CustomerMeters } from '../../src-shared/domain/customers'
import { aggregationOf } from '../../src-shared/domain/aggregation'
import { fromMicros } from '../../src-shared/quantity'
import { periodAt } from '../calendar/periods'
import { getPlan } from '../catalog/plans'
import { getCustomer } from '../customers/customers'
import { evaluateEntitlement } from '../entitlements/evaluate'
import { windowMs } from '../entitlements/rate-window'
import { readSettings } from '../settings/settings-service'
import { metricQuantity, metricQuery, type MetricRow } from './metric-aggregation'

/**
 * A customer's meters at a moment: every feature of their plan version, with their overrides,
 * evaluated against the usage of the current period (or, for rate limits, the current window).
 * The period is the billing run's own (calendar/periods: plan interval, business time zone), so
 * what the page shows as used is what the invoice will bill.
 */
const monthly = { unit: 'month', count: 1 } as const
const noSubscription = { startDate: '2000-01-01', anchorDay: 1, interval: monthly }

export const customerMeters = async (
  db: EntityManager,
  externalId: string,
  at: Date,
): Promise<CustomerMeters> => {
  const customer = await getCustomer(db, externalId)
  const subscription = customer.subscription
  const { businessTimeZone } = await readSettings(db)
  if (!subscription) {
    // Nothing is metered: the calendar month holding `at` frames the empty page.
    const month = periodAt(noSubscription, at, businessTimeZone)
    return {
      period: { start: month.start.toISOString(), end: month.end.toISOString() },
      meters: [],
    }
  }

  const plan = await getPlan(db, subscription.planId)
  const version = plan.versions.find((v) => v.version === subscription.planVersion)
  const basis = {
    startDate: subscription.startDate,
    anchorDay: subscription.billingAnchorDay,
    interval: version?.interval ?? monthly,
  }
  const period = periodAt(basis, at, businessTimeZone)
  const shown = { start: period.start.toISOString(), end: period.end.toISOString() }
  const sums: { metric: string; micros: number }[] = await db.query(
    `SELECT metric, SUM(quantity_micros) AS micros FROM usage_event
     WHERE customer_id = ? AND ts >= ? AND ts <= ? GROUP BY metric`,
    [customer.id, period.start.getTime(), at.getTime()],
  )
  const used = new Map(sums.map((s) => [s.metric, fromMicros(s.micros)]))
  // A metric that is not summed (max, latest, ...) is measured as billing will measure it.
  const window = {
    from: period.start.getTime(),
    to: at.getTime() + 1,
    periodMs: period.end.getTime() - period.start.getTime(),
  }
  for (const feature of version?.features ?? []) {
    if (feature.type !== 'usage' && feature.type !== 'quota') continue
    const spec = aggregationOf(feature)
    if (spec.aggregation === 'sum') continue
    const q = metricQuery(spec, customer.id, feature.code, window)
    used.set(
      feature.code,
      metricQuantity(spec, await db.query<MetricRow[]>(q.sql, q.params), window),
    )
  }

  const meters = []
  for (const feature of version?.features ?? []) {
    const override = customer.overrides.find((o) => o.code === feature.code)
    const recent =
      feature.type === 'rate'
        ? await db.query<{ ts: number; micros: number }[]>(
            `SELECT ts, quantity_micros AS micros FROM usage_event
             WHERE customer_id = ? AND metric = ? AND ts > ? AND ts <= ?`,
            [customer.id, feature.code, at.getTime() - 2 * windowMs(feature.window), at.getTime()],
          )
        : []
    meters.push(
      evaluateEntitlement({
        feature,
        ...(override ? { override } : {}),
        at,
        period,
        periodUsage: used.get(feature.code) ?? '0',
        recentUsage: recent.map((r) => ({ at: new Date(r.ts), quantity: fromMicros(r.micros) })),
      }),
    )
  }
  return { period: shown, meters }
}
