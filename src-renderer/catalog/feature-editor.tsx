import DeleteOutlineOutlined from '@mui/icons-material/DeleteOutlineOutlined'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Divider from '@mui/material/Divider'
import FormControlLabel from '@mui/material/FormControlLabel'
import FormHelperText from '@mui/material/FormHelperText'
import Stack from '@mui/material/Stack'
import Switch from '@mui/material/Switch'
import Typography from '@mui/material/Typography'
import type { ReactNode } from 'react'
import { windowUnits, type PlanFeature } from '../../src-shared/domain/catalog'
import type { Pricing, RoundingRule } from '../../src-shared/domain/pricing'
import { AggregationFields } from './aggregation-fields'
import type { ErrorScope } from './field-errors'
import { IntegerField, NumberListField, SelectInput, TextInput } from './form-fields'
import { defaultPricing, featureTypeLabels, optionalText } from './plan-form'
import { PricingWorkbench } from './pricing-workbench'

type Props = {
  feature: PlanFeature
  onChange: (feature: PlanFeature) => void
  onRemove: () => void
  /** Errors relative to this feature (`code`, `pricing.tiers[0].up_to`). */
  errors: ErrorScope
  currency: string
  rounding: RoundingRule
  readOnly: boolean
}

const Row = ({ children }: { children: ReactNode }) => (
  <Stack direction="row" useFlexGap sx={{ gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
    {children}
  </Stack>
)

const enforcementOptions = [
  { value: 'hard', label: 'Hard: block beyond the limit' },
  { value: 'soft', label: 'Soft: charge the overage' },
] as const

const windowModeOptions = [
  { value: 'fixed', label: 'Fixed (resets on the boundary)' },
  { value: 'sliding', label: 'Sliding (the last window)' },
] as const

const windowUnitOptions = windowUnits.map((unit) => ({ value: unit, label: `${unit}s` }))

/** One feature's form: the fields its type has, and its pricing where it charges. */
export const FeatureEditor = ({
  feature,
  onChange,
  onRemove,
  errors,
  currency,
  rounding,
  readOnly,
}: Props) => {
  const change = (path: string, next: PlanFeature): void => {
    errors.clear(path)
    onChange(next)
  }
  const text = (
    path: 'code' | 'name' | 'unit',
    label: string,
    value: string,
    set: (text: string) => PlanFeature,
    helperText?: string,
  ) => (
    <TextInput
      label={label}
      value={value}
      onChange={(next) => change(path, set(next))}
      error={errors.get(path)}
      helperText={helperText}
      readOnly={readOnly}
      width={220}
    />
  )
  const decimal = (path: string, label: string, value: string, set: (t: string) => PlanFeature) => (
    <TextInput
      label={label}
      value={value}
      onChange={(next) => change(path, set(next))}
      error={errors.get(path)}
      readOnly={readOnly}
      decimal
      width={160}
    />
  )
  const thresholds =
    feature.type === 'boolean' ? null : (
      <NumberListField
        label="Alert thresholds (%)"
        value={feature.alertThresholds}
        onChange={(alertThresholds) => change('alertThresholds', { ...feature, alertThresholds })}
        error={errors.first('alertThresholds')}
        helperText="Percent, comma-separated"
        placeholder="75, 90, 100 (default)"
        readOnly={readOnly}
        width={220}
      />
    )
  const pricing = (
    heading: string,
    value: Pricing,
    set: (next: Pricing) => PlanFeature,
    note: string | undefined,
  ) => (
    <>
      <Divider />
      <Typography variant="subtitle2" component="h4">
        {heading}
      </Typography>
      <PricingWorkbench
        pricing={value}
        onChange={(next) => onChange(set(next))}
        errors={errors.at('pricing')}
        currency={currency}
        rounding={rounding}
        readOnly={readOnly}
        note={note}
      />
    </>
  )

  return (
    <Stack spacing={2}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {featureTypeLabels[feature.type]} feature
          {feature.code ? (
            <Box component="code" sx={{ ml: 1, fontSize: 13, color: 'text.secondary' }}>
              {feature.code}
            </Box>
          ) : null}
        </Typography>
        {readOnly ? null : (
          <Button color="error" startIcon={<DeleteOutlineOutlined />} onClick={onRemove}>
            Remove feature
          </Button>
        )}
      </Stack>
      {errors.get() ? <FormHelperText error>{errors.get()}</FormHelperText> : null}
      <Row>
        {text(
          'code',
          'Code',
          feature.code,
          (code) => ({ ...feature, code }),
          'The metric code usage events carry',
        )}
        {text('name', 'Name', feature.name, (name) => ({ ...feature, name }))}
        {feature.type === 'boolean'
          ? null
          : text('unit', 'Unit', feature.unit ?? '', (unit) => ({
              ...feature,
              unit: optionalText(unit),
            }))}
      </Row>
      {feature.type === 'usage' || feature.type === 'quota' ? (
        <Row>
          <AggregationFields
            feature={feature}
            change={change}
            errors={errors}
            readOnly={readOnly}
          />
        </Row>
      ) : null}
      {feature.type === 'usage' ? (
        <>
          <Row>
            {decimal('includedUnits', 'Included units', feature.includedUnits ?? '', (units) => ({
              ...feature,
              includedUnits: optionalText(units),
            }))}
            {thresholds}
          </Row>
          {pricing(
            'Pricing',
            feature.pricing,
            (next) => ({ ...feature, pricing: next }),
            // The preview prices the pricing alone; saying so avoids a "wrong" total.
            feature.includedUnits
              ? `Before the ${feature.includedUnits} included units`
              : undefined,
          )}
        </>
      ) : null}
      {feature.type === 'quota' ? (
        <>
          <Row>
            {decimal('limit', 'Limit per period', feature.limit, (limit) => ({
              ...feature,
              limit,
            }))}
            <SelectInput
              label="Enforcement"
              value={feature.enforcement}
              options={enforcementOptions}
              onChange={(enforcement) =>
                // Only a soft quota charges, so only a soft quota carries pricing.
                change(
                  'enforcement',
                  enforcement === 'soft'
                    ? { ...feature, enforcement, pricing: feature.pricing ?? defaultPricing }
                    : { ...feature, enforcement, pricing: undefined },
                )
              }
              error={errors.get('enforcement')}
              readOnly={readOnly}
              width={260}
            />
            {thresholds}
          </Row>
          {feature.enforcement === 'soft'
            ? pricing(
                'Overage pricing',
                feature.pricing ?? defaultPricing,
                (next) => ({ ...feature, pricing: next }),
                'Units beyond the limit',
              )
            : null}
        </>
      ) : null}
      {feature.type === 'rate' ? (
        <Row>
          {decimal('limit', 'Limit per window', feature.limit, (limit) => ({ ...feature, limit }))}
          <IntegerField
            label="Window length"
            value={feature.window.count}
            onChange={(count) =>
              change('window.count', { ...feature, window: { ...feature.window, count } })
            }
            error={errors.get('window.count') ?? errors.get('window')}
            readOnly={readOnly}
            width={130}
          />
          <SelectInput
            label="Window unit"
            value={feature.window.unit}
            options={windowUnitOptions}
            onChange={(unit) =>
              change('window.unit', { ...feature, window: { ...feature.window, unit } })
            }
            error={errors.get('window.unit')}
            readOnly={readOnly}
            width={140}
          />
          <SelectInput
            label="Window mode"
            value={feature.windowMode}
            options={windowModeOptions}
            onChange={(windowMode) => change('windowMode', { ...feature, windowMode })}
            error={errors.get('windowMode')}
            readOnly={readOnly}
            width={260}
          />
          {thresholds}
        </Row>
      ) : null}
      {feature.type === 'boolean' ? (
        <FormControlLabel
          control={
            <Switch
              checked={feature.enabled}
              onChange={(event) => change('enabled', { ...feature, enabled: event.target.checked })}
              disabled={readOnly}
            />
          }
          label="Enabled"
        />
      ) : null}
    </Stack>
  )
}
