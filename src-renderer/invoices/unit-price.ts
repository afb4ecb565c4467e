import type { InvoiceLine } from '../../src-shared/domain/billing'
import { formatQuantity, formatRate, type Where } from '../format'

/**
 * "20.00 per 500" for a package line (its one breakdown row counts packages of `block_size`),
 * "0.0015" for a single rate; a line priced in several tiers says where its rates are.
 */
export const unitPrice = (line: InvoiceLine, currency: string, where: Where = {}): string => {
  if (line.unitAmount === null) return line.breakdown.length > 0 ? 'see breakdown' : '—'
  const rate = formatRate(line.unitAmount, currency, where)
  if (line.unit !== 'package') return rate
  const size = line.breakdown[0]?.block_size
  return size === undefined ? `${rate} per package` : `${rate} per ${formatQuantity(size, where)}`
}
