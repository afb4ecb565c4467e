import { aggregationOf } from '../../../src-shared/domain/aggregation'
import type { QuotaFeature, UsageFeature } from '../../../src-shared/domain/catalog'
import type { DecimalString } from '../../../src-shared/domain/pricing'
import { formatQuantity } from './describe'

/**
 * A period's quantity as a usage line names it, saying how the events made it: "12,500 used"
 * for a sum (as before), "max of 4", "latest 4", "30 events", "3 unique user_id", "4
 * time-weighted". The line is kept on the invoice, so a reader can tell a level from a count.
 */
export const quantityLabel = (
  feature: UsageFeature | QuotaFeature,
  quantity: DecimalString,
): string => {
  const spec = aggregationOf(feature)
  const n = formatQuantity(quantity)
  switch (spec.aggregation) {
    case 'sum':
      return `${n} used`
    case 'count':
      return `${n} events`
    case 'max':
      return `max of ${n}`
    case 'latest':
      return `latest ${n}`
    case 'unique_count':
      return `${n} unique ${spec.property ?? ''}`
    case 'weighted_sum':
      return `${n} time-weighted`
  }
}
