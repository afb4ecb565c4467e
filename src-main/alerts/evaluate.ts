import type Database from 'better-sqlite3'
import type { UsageAlert } from '../../src-shared/domain/alerts'
import { aggregationOf } from '../../src-shared/domain/aggregation'
import type {
  FeatureOverride,
  PlanFeature,
  PlanTerms,
  QuotaFeature,
  UsageFeature,
} from '../../src-shared/domain/catalog'
import { periodAt, type BillingPeriod, type PeriodBasis } from '../calendar/periods'
import { applyOverride } from '../entitlements/apply-override'
import { evaluateEntitlement } from '../entitlements/evaluate'
import { readSettingsNow } from '../settings/settings-now'
import type { UsageFootprint } from '../usage/footprint'
import { aggregateMetric } from '../usage/metric-aggregation'
import { alertsByIds, insertAlert } from './alert-store'

type SubscriptionRow = {
  overrides_json: string
  plan_version: number
  start_date: string
  billing_anchor_day: number
  terms_json: string
}

type Terms = Pick<PlanTerms, 'interval' | 'features'>

/** The customer's plan terms and overrides, as the meters read them; null without a subscription. */
const subscriptionOf = (
  db: Database.Database,
  customerId: number,
): { basis: PeriodBasis; features: PlanFeature[]; overrides: FeatureOverride[] } | null => {
  const row = db
    .prepare<[number], SubscriptionRow>(
      `SELECT c.overrides_json, s.plan_version, s.start_date, s.billing_anchor_day, v.terms_json
       FROM subscription s JOIN customer c ON c.id = s.customer_id
         JOIN plan_version v ON v.plan_id = s.plan_id AND v.version = s.plan_version
       WHERE s.customer_id = ?`,
    )
    .get(customerId)
  if (!row) return null
  const terms = JSON.parse(row.terms_json) as Terms
  return {
    basis: {
      startDate: row.start_date,
      anchorDay: row.billing_anchor_day,
      interval: terms.interval,
    },
    features: terms.features,
    overrides: JSON.parse(row.overrides_json) as FeatureOverride[],
  }
}

/** A feature alerts when it has something to measure against: a quota's limit, included units. */
const measured = (feature: PlanFeature): feature is UsageFeature | QuotaFeature =>
  (feature.type === 'quota' && feature.limit !== undefined) ||
  (feature.type === 'usage' && feature.includedUnits !== undefined)

/** No import spans more than this many periods of one customer; a guard against a bad instant. */
const MAX_PERIODS = 240

/** The periods of a basis that hold any instant of [from, to]. */
const periodsCovering = (
  basis: PeriodBasis,
  span: { from: number; to: number },
  timeZone: string,
): BillingPeriod[] => {
  const periods: BillingPeriod[] = []
  let period = periodAt(basis, new Date(span.from), timeZone)
  while (period.start.getTime() <= span.to && periods.length < MAX_PERIODS) {
    periods.push(period)
    period = periodAt(basis, period.end, timeZone)
  }
  return periods
}

/**
 * Usage alerts for what an import wrote: for each customer and metric it touched (once each,
 * however many rows), every billing period its events fell in (a late event evaluates its past
 * period) is measured as the meters measure it (the customer's override wins over the plan's
 * limit or included units; the plan's thresholds, else 75, 90, 100) and each threshold reached
 * is recorded once. Runs on the caller's transaction: the alerts commit with the import's end.
 */
export const evaluateAlerts = (
  db: Database.Database,
  footprint: readonly UsageFootprint[],
  info: { importId: string | null; at: Date },
): UsageAlert[] => {
  if (footprint.length === 0) return []
  const { businessTimeZone } = readSettingsNow(db)
  const fired: number[] = []
  const byCustomer = new Map<number, UsageFootprint[]>()
  for (const span of footprint)
    byCustomer.set(span.customerId, [...(byCustomer.get(span.customerId) ?? []), span])

  for (const [customerId, spans] of byCustomer) {
    const subscription = subscriptionOf(db, customerId)
    if (!subscription) continue
    for (const span of spans) {
      const planFeature = subscription.features.find((f) => f.code === span.metric)
      if (!planFeature) continue
      const override = subscription.overrides.find((o) => o.code === span.metric)
      const feature = applyOverride(planFeature, override)
      if (!measured(feature)) continue
      for (const period of periodsCovering(subscription.basis, span, businessTimeZone)) {
        const periodMs = period.end.getTime() - period.start.getTime()
        const window = { from: period.start.getTime(), to: period.end.getTime(), periodMs }
        const used = aggregateMetric(db, aggregationOf(feature), customerId, span.metric, window)
        const meter = evaluateEntitlement({
          feature: planFeature,
          ...(override ? { override } : {}),
          at: info.at,
          period,
          periodUsage: used,
        })
        for (const threshold of meter.alerts) {
          const id = insertAlert(db, {
            customerId,
            metric: span.metric,
            period,
            threshold,
            used: meter.used,
            limit: meter.limit ?? '0',
            firedAt: info.at.toISOString(),
            importId: info.importId,
          })
          if (id !== null) fired.push(id)
        }
      }
    }
  }
  return alertsByIds(db, fired)
}
