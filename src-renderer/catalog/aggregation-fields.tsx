import {
  aggregationLabels,
  aggregations,
  type Aggregation,
} from '../../src-shared/domain/aggregation'
import type { QuotaFeature, UsageFeature } from '../../src-shared/domain/catalog'
import type { ErrorScope } from './field-errors'
import { SelectInput, TextInput } from './form-fields'

type Metered = UsageFeature | QuotaFeature

const options = aggregations.map((value) => ({ value, label: aggregationLabels[value] }))

const helpers: Record<Aggregation, string> = {
  sum: 'Quantities add up (API calls, GB sent)',
  count: 'Each event counts 1, whatever its quantity',
  max: 'The period’s highest reading (peak seats)',
  latest: 'The last reading in the period',
  unique_count: 'Distinct values of an event property',
  weighted_sum: 'Each reading held until the next, averaged over the period',
}

/**
 * How the feature's events become its quantity. `sum` is the default and is left out of the
 * terms, so plans that never chose stay as they were; a property only goes with unique_count.
 */
export const AggregationFields = <F extends Metered>({
  feature,
  change,
  errors,
  readOnly,
}: {
  feature: F
  change: (path: string, next: F) => void
  errors: ErrorScope
  readOnly: boolean
}) => {
  const aggregation = feature.aggregation ?? 'sum'
  return (
    <>
      <SelectInput
        label="Aggregation"
        value={aggregation}
        options={options}
        onChange={(next) =>
          change('aggregation', {
            ...feature,
            aggregation: next === 'sum' ? undefined : next,
            aggregationProperty:
              next === 'unique_count' ? (feature.aggregationProperty ?? 'user_id') : undefined,
          })
        }
        error={errors.get('aggregation')}
        helperText={helpers[aggregation]}
        readOnly={readOnly}
        width={300}
      />
      {aggregation === 'unique_count' ? (
        <TextInput
          label="Property"
          value={feature.aggregationProperty ?? ''}
          onChange={(property) =>
            change('aggregationProperty', {
              ...feature,
              aggregationProperty: property === '' ? undefined : property,
            })
          }
          error={errors.get('aggregationProperty')}
          helperText="A column of the usage file, e.g. user_id"
          readOnly={readOnly}
          width={200}
        />
      ) : null}
    </>
  )
}
