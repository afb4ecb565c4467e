import FormHelperText from '@mui/material/FormHelperText'
import Stack from '@mui/material/Stack'
import type { Pricing, PricingKind } from '../../src-shared/domain/pricing'
import type { ErrorScope } from './field-errors'
import { SelectInput, TextInput } from './form-fields'
import { optionalText, switchModel } from './plan-form'
import { TierTable } from './tier-table'

const modelOptions: readonly { value: PricingKind; label: string }[] = [
  { value: 'flat', label: 'Flat: one price per unit' },
  { value: 'tiered', label: 'Tiered: each tier prices its own units' },
  { value: 'volume', label: 'Volume: the reached tier prices all units' },
  { value: 'package', label: 'Package: priced per block of units' },
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
          errors={errors}
          readOnly={readOnly}
        />
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
