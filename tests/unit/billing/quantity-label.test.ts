import { describe, expect, it } from 'vitest'
import { quantityLabel } from '../../../src-main/billing/compute/quantity-label'
import type { UsageFeature } from '../../../src-shared/domain/catalog'
import { apiCalls } from './invoice-fixtures'

const feature = (patch: Partial<UsageFeature>): UsageFeature => ({ ...apiCalls, ...patch })

describe('quantityLabel: how a usage line says its events made the quantity', () => {
  it.each<[Partial<UsageFeature>, string, string]>([
    [{}, '12,500 used', 'a sum, the default'],
    [{ aggregation: 'sum' }, '12,500 used', 'a sum named'],
    [{ aggregation: 'count' }, '12,500 events', 'a count of events'],
    [{ aggregation: 'max' }, 'max of 12,500', 'the highest value'],
    [{ aggregation: 'latest' }, 'latest 12,500', 'the latest value'],
    [
      { aggregation: 'unique_count', aggregationProperty: 'user_id' },
      '12,500 unique user_id',
      'unique values of a property',
    ],
    // The catalog requires the property; a feature without one still names no "undefined".
    [{ aggregation: 'unique_count' }, '12,500 unique ', 'unique values of no property named'],
    [{ aggregation: 'weighted_sum' }, '12,500 time-weighted', 'a level over time'],
  ])('%j: %s (%s)', (patch, label, _why) => {
    expect(quantityLabel(feature(patch), '12500')).toBe(label)
  })
})
