import FormHelperText from '@mui/material/FormHelperText'
import { Fragment } from 'react'
import Stack from '@mui/material/Stack'
import type {
  PercentagePricing,
  PercentageTier,
  Pricing,
  PricingKind,
  Tier,
} from '../../src-shared/domain/pricing'
import type { ErrorScope } from './field-errors'
import { SelectInput, TextInput } from './form-fields'
import { optionalText, switchModel } from './plan-form'
import { TierTable, type TierColumn } from './tier-table'

const modelOptions: readonly { value: PricingKind; label: string }[] = [
  { value: 'flat', label: 'Flat: one price per unit' },
  { value: 'tiered', label: 'Tiered: each tier prices its own units' },
  { value: 'volume', label: 'Volume: the reached tier prices all units' },
  { value: 'package', label: 'Package: priced per block of units' },
  { value: 'percentage', label: 'Percentage: a percent of each transaction' },
  { value: 'graduated_percentage', label: 'Graduated percentage: a percent per tier' },
]

// A tier prices per unit, or per started block (block size and block amount), not both.
const unitColumns: readonly TierColumn<Tier>[] = [
  { key: 'unit_amount', label: 'Unit amount', optional: true },
  { key: 'block_size', label: 'Block size', placeholder: '—', optional: true },
  { key: 'block_amount', label: 'Block amount', placeholder: '—', optional: true },
  { key: 'flat_amount', label: 'Flat amount', placeholder: '0', optional: true },
]
const percentColumns: readonly TierColumn<PercentageTier>[] = [
  { key: 'rate_percent', label: 'Rate (%)' },
  { key: 'flat_amount', label: 'Flat amount', placeholder: '0', optional: true },
]

type PercentField = Exclude<keyof PercentagePricing, 'model'>
const percentFields: readonly { key: PercentField; label: string; money: boolean }[] = [
  { key: 'rate_percent', label: 'Rate (%)', money: false },
  { key: 'fixed_amount_per_event', label: 'Fixed fee per transaction', money: true },
  { key: 'free_units_per_events', label: 'Free transactions', money: false },
  { key: 'free_units_per_total_aggregation', label: 'Free amount', money: true },
  { key: 'per_transaction_min_amount', label: 'Minimum per transaction', money: true },
  { key: 'per_transaction_max_amount', label: 'Maximum per transaction', money: true },
]

const packageRounding = [
  { value: 'up', label: 'Charge a started package in full' },
  { value: 'down', label: 'Charge complete packages only' },
] as const

type Props = {
  pricing: Pricing
  onChange: (pricing: Pricing) => void
  /** Errors relative to the definition (`tiers[1].up_to`, `unit_amount`). */
  errors: ErrorScope
  currency: string
  readOnly: boolean
}

/** The fields of one pricing model; amounts are decimal strings in major units. */
export const PricingEditor = ({ pricing, onChange, errors, currency, readOnly }: Props) => {
  const field = (path: string, label: string, value: string, set: (text: string) => Pricing) => (
    <TextInput
      label={label}
      value={value}
      onChange={(text) => {
        errors.clear(path)
        onChange(set(text))
      }}
      error={errors.get(path)}
      readOnly={readOnly}
      decimal
      width={180}
    />
  )
  const whole = errors.get() ?? errors.get('model')

  return (
    <Stack spacing={2}>
      <SelectInput
        label="Pricing model"
        value={pricing.model}
        options={modelOptions}
        onChange={(model) => {
          errors.clear()
          onChange(switchModel(pricing, model))
        }}
        readOnly={readOnly}
        width={340}
      />
      {whole ? <FormHelperText error>{whole}</FormHelperText> : null}
      {pricing.model === 'flat' ? (
        <Stack direction="row" useFlexGap sx={{ gap: 2, flexWrap: 'wrap' }}>
          {field('unit_amount', `Unit amount (${currency})`, pricing.unit_amount, (text) => ({
            ...pricing,
            unit_amount: text,
          }))}
          {field('free_units', 'Free units', pricing.free_units ?? '', (text) => ({
            ...pricing,
            free_units: optionalText(text),
          }))}
        </Stack>
      ) : null}
      {pricing.model === 'tiered' || pricing.model === 'volume' ? (
        <TierTable
          tiers={pricing.tiers}
          onChange={(tiers) => onChange({ ...pricing, tiers })}
          columns={unitColumns}
          blank={{ up_to: null }}
          hint="Amounts are per unit, or per started block of “Block size” units, in major units."
          errors={errors}
          readOnly={readOnly}
        />
      ) : null}
      {pricing.model === 'graduated_percentage' ? (
        <TierTable
          tiers={pricing.tiers}
          onChange={(tiers) => onChange({ ...pricing, tiers })}
          columns={percentColumns}
          blank={{ up_to: null, rate_percent: '' }}
          hint="Each tier takes its percent of the amount within it, plus its flat amount once reached."
          errors={errors}
          readOnly={readOnly}
        />
      ) : null}
      {pricing.model === 'percentage' ? (
        <Stack direction="row" useFlexGap sx={{ gap: 2, flexWrap: 'wrap' }}>
          {percentFields.map(({ key, label, money }) => (
            <Fragment key={key}>
              {field(
                key,
                money ? `${label} (${currency})` : label,
                pricing[key] ?? '',
                (text): Pricing =>
                  key === 'rate_percent'
                    ? { ...pricing, rate_percent: text }
                    : { ...pricing, [key]: optionalText(text) },
              )}
            </Fragment>
          ))}
          <FormHelperText sx={{ m: 0, flexBasis: '100%' }}>
            Each transaction is priced on its own: the rate plus the fixed fee, clamped to the
            minimum and maximum. The free transactions and the free amount come first; when both are
            set, whichever runs out first ends them.
          </FormHelperText>
        </Stack>
      ) : null}
      {pricing.model === 'package' ? (
        <Stack direction="row" useFlexGap sx={{ gap: 2, flexWrap: 'wrap' }}>
          {field('package_size', 'Package size (units)', pricing.package_size, (text) => ({
            ...pricing,
            package_size: text,
          }))}
          {field(
            'package_amount',
            `Package amount (${currency})`,
            pricing.package_amount,
            (text) => ({ ...pricing, package_amount: text }),
          )}
          {field('free_units', 'Free units', pricing.free_units ?? '', (text) => ({
            ...pricing,
            free_units: optionalText(text),
          }))}
          <SelectInput
            label="Partial packages"
            value={pricing.rounding ?? 'up'}
            options={packageRounding}
            onChange={(rounding) => {
              errors.clear('rounding')
              onChange({ ...pricing, rounding })
            }}
            error={errors.get('rounding')}
            readOnly={readOnly}
            width={280}
          />
        </Stack>
      ) : null}
    </Stack>
  )
}
