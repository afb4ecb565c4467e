import type { PlanFeature } from './catalog'
import type { DecimalString } from './pricing'

/** What a customer may use of one feature at a moment, and how much they have used. */
export type Entitlement = {
  code: string
  type: PlanFeature['type']
  allowed: boolean
  used: DecimalString
  limit: DecimalString | null
  remaining: DecimalString | null
  /** For display and alerts only; amounts are never computed from it. */
  percentUsed: number | null
  resetsAt: string | null
  /** The alert thresholds (percent) that usage has reached, ascending. */
  alerts: number[]
  /**
   * Every alert threshold of the feature (the plan's, else 75, 90, 100), ascending: what the
   * meters colour by. Empty for a feature with nothing to measure against.
   */
  thresholds: number[]
}
