import Button from '@mui/material/Button'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import type { Control, FieldErrors, UseFormRegister, UseFormSetValue } from 'react-hook-form'
import { Controller } from 'react-hook-form'
import type { PlanFeature } from '../../src-shared/domain/catalog'
import {
  planPrice,
  type OverridesFormInput,
  type OverridesFormOutput,
} from '../../src-shared/domain/override-form'
import { formatQuantity, formatRate } from '../format'

type FieldName = 'includedUnits' | 'limit' | 'price'

export type RowProps = {
  feature: PlanFeature
  index: number
  currency: string
  register: UseFormRegister<OverridesFormInput>
  control: Control<OverridesFormInput, unknown, OverridesFormOutput>
  setValue: UseFormSetValue<OverridesFormInput>
  errors: FieldErrors<OverridesFormInput>
  readOnly: boolean
  /** Contract pricing set elsewhere that one price cannot show (kept unless reset). */
  kept: boolean
}

/** What the plan says for a field, shown beside the override so the difference is plain. */
const planDefault = (feature: PlanFeature, field: FieldName, currency: string): string => {
  if (field === 'includedUnits')
    return feature.type === 'usage' ? formatQuantity(feature.includedUnits ?? '0') : '—'
  if (field === 'limit') return 'limit' in feature ? formatQuantity(feature.limit) : '—'
  const price = planPrice(feature)
  if (price !== null) return `${formatRate(price, currency)} ${currency}`
  const pricing = 'pricing' in feature ? feature.pricing : undefined
  return pricing ? `${pricing.model} pricing` : 'not charged'
}

/** The fields an override of this kind of feature can set (see entitlements/apply-override). */
const fieldsOf = (feature: PlanFeature): FieldName[] => {
  switch (feature.type) {
    case 'usage':
      return ['includedUnits', 'price']
    case 'quota':
      return feature.enforcement === 'soft' ? ['limit', 'price'] : ['limit']
    case 'rate':
      return ['limit']
    case 'boolean':
      return []
  }
}

const priceLabel = (feature: PlanFeature): string => {
  const pricing = 'pricing' in feature ? feature.pricing : undefined
  if (pricing?.model === 'package') return 'Price per package'
  return pricing?.model === 'flat' || pricing === undefined
    ? 'Price per unit'
    : 'Flat price per unit'
}

const labels: Record<FieldName, (feature: PlanFeature) => string> = {
  includedUnits: () => 'Included units',
  limit: () => 'Limit',
  price: priceLabel,
}

/** One feature's overrides: each field blank for the plan's value, which is shown beneath it. */
export const OverrideRow = (props: RowProps) => {
  const { feature, index, currency, register, control, setValue, errors, readOnly, kept } = props
  const rowErrors = errors.features?.[index]
  const reset = (): void => {
    for (const field of ['includedUnits', 'limit', 'price'] as const)
      setValue(`features.${index}.${field}`, '', { shouldDirty: true, shouldValidate: true })
    setValue(`features.${index}.enabled`, 'plan', { shouldDirty: true })
    setValue(`features.${index}.keptPricing`, undefined, { shouldDirty: true })
  }
  return (
    <Stack
      component="fieldset"
      data-testid={`override-${feature.code}`}
      direction={{ xs: 'column', md: 'row' }}
      spacing={2}
      sx={{ border: 0, p: 0, m: 0, alignItems: { md: 'flex-start' } }}
    >
      <Typography component="legend" variant="body2" sx={{ width: 180, pt: 1, float: 'left' }}>
        <strong>{feature.name}</strong>{' '}
        <Typography component="span" variant="caption" sx={{ color: 'text.secondary' }}>
          {feature.code}
        </Typography>
      </Typography>
      {fieldsOf(feature).map((field) => {
        const error = rowErrors?.[field]?.message
        return (
          <TextField
            key={field}
            size="small"
            label={labels[field](feature)}
            placeholder="Plan's"
            disabled={readOnly}
            error={error !== undefined}
            helperText={error ?? `Plan: ${planDefault(feature, field, currency)}`}
            slotProps={{ htmlInput: { inputMode: 'decimal' } }}
            {...register(`features.${index}.${field}`)}
          />
        )
      })}
      {feature.type === 'boolean' ? (
        <Controller
          control={control}
          name={`features.${index}.enabled`}
          render={({ field }) => (
            <TextField
              select
              size="small"
              label="Access"
              disabled={readOnly}
              sx={{ minWidth: 160 }}
              helperText={`Plan: ${feature.enabled ? 'on' : 'off'}`}
              {...field}
            >
              <MenuItem value="plan">As the plan</MenuItem>
              <MenuItem value="on">On</MenuItem>
              <MenuItem value="off">Off</MenuItem>
            </TextField>
          )}
        />
      ) : null}
      {kept ? (
        <Typography variant="caption" sx={{ pt: 1, color: 'text.secondary' }}>
          Contract pricing set by import (kept)
        </Typography>
      ) : null}
      {readOnly ? null : (
        <Button
          size="small"
          onClick={reset}
          sx={{ mt: 0.5 }}
          aria-label={`Use the plan's terms for ${feature.name}`}
        >
          Use the plan&apos;s
        </Button>
      )}
    </Stack>
  )
}
