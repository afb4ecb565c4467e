import Checkbox from '@mui/material/Checkbox'
import FormControlLabel from '@mui/material/FormControlLabel'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useId, useState } from 'react'
import { intervalUnits, type PlanTerms } from '../../src-shared/domain/catalog'
import { roundingRules, type RoundingRule } from '../../src-shared/domain/pricing'
import { isCurrency, parseMajor, toMajor } from '../../src-shared/money'
import { currencyName, currencyOptions } from '../settings/options'
import { SuggestField } from '../settings/suggest-field'
import type { ErrorScope } from './field-errors'
import { IntegerField, SelectInput, TextInput } from './form-fields'
import { basePriceProblem, exampleAmount, type PlanForm } from './plan-form'

const roundingLabels: Record<RoundingRule, string> = {
  half_up: 'Half up (0.5 rounds up)',
  half_even: 'Half even (banker’s rounding)',
  ceil: 'Always up',
  floor: 'Always down',
}
export const roundingOptions = roundingRules.map((value) => ({
  value,
  label: roundingLabels[value],
}))

export const intervalUnitOptions = intervalUnits.map((value) => ({ value, label: `${value}(s)` }))

/** The commitment as typed, in major units; '' when the plan has none. */
const commitmentText = (minor: number | undefined, currency: string): string =>
  minor === undefined || Number.isNaN(minor)
    ? ''
    : isCurrency(currency)
      ? toMajor(minor, currency)
      : String(minor)

/**
 * Major-unit text to minor units, exactly. Unreadable text becomes NaN rather than being
 * dropped: the save is then refused with the server's message, as the other number fields do.
 */
const commitmentMinor = (text: string, currency: string): number | undefined => {
  if (text.trim() === '') return undefined
  return (isCurrency(currency) ? parseMajor(text, currency) : undefined) ?? Number.NaN
}

/** Whole days, or undefined for "the default" when left empty; NaN when not a whole number. */
const graceDays = (text: string): number | undefined =>
  text.trim() === '' ? undefined : /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN

/** Terms with an optional key set, or left out entirely when undefined. */
const withOptional = (
  terms: PlanTerms,
  key: 'gracePeriodDays' | 'minimumCommitmentMinor',
  value: number | undefined,
): PlanTerms => {
  const next = { ...terms }
  if (value === undefined) delete next[key]
  else next[key] = value
  return next
}

type Props = {
  form: PlanForm
  onChange: (form: PlanForm) => void
  /** Errors keyed as the save input: `name`, `terms.currency`. */
  errors: ErrorScope
  readOnly: boolean
}

/** The plan's own terms: what it costs per interval before any feature. */
export const PlanFields = ({ form, onChange, errors, readOnly }: Props) => {
  const { terms } = form
  const headingId = useId()
  const setTerms = (path: string, patch: Partial<PlanTerms>): void => {
    errors.clear(`terms.${path}`)
    onChange({ ...form, terms: { ...terms, ...patch } })
  }
  const priceProblem = readOnly ? undefined : basePriceProblem(form)

  const [commitment, setCommitment] = useState(() =>
    commitmentText(terms.minimumCommitmentMinor, terms.currency),
  )
  const [grace, setGrace] = useState(() =>
    terms.gracePeriodDays === undefined ? '' : String(terms.gracePeriodDays),
  )
  // Follow the terms when they change from outside (discard, a reloaded draft).
  const [seen, setSeen] = useState(terms)
  if (terms !== seen) {
    setSeen(terms)
    if (!Object.is(commitmentMinor(commitment, terms.currency), terms.minimumCommitmentMinor))
      setCommitment(commitmentText(terms.minimumCommitmentMinor, terms.currency))
    if (!Object.is(graceDays(grace), terms.gracePeriodDays))
      setGrace(terms.gracePeriodDays === undefined ? '' : String(terms.gracePeriodDays))
  }
  const commitmentProblem =
    readOnly || !Number.isNaN(commitmentMinor(commitment, terms.currency) ?? 0)
      ? undefined
      : isCurrency(terms.currency)
        ? `Enter an amount in ${terms.currency} such as ${exampleAmount(terms.currency)}`
        : 'Choose a valid currency to enter the commitment'

  return (
    <Paper variant="outlined" component="section" aria-labelledby={headingId} sx={{ p: 2 }}>
      <Typography id={headingId} variant="subtitle2" component="h2" sx={{ mb: 2 }}>
        Plan terms
      </Typography>
      <Stack direction="row" useFlexGap sx={{ gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <TextInput
          label="Name"
          value={form.name}
          onChange={(name) => {
            errors.clear('name')
            onChange({ ...form, name })
          }}
          error={errors.get('name')}
          readOnly={readOnly}
          width={260}
        />
        {readOnly ? (
          <TextInput
            label="Currency"
            value={terms.currency}
            onChange={() => undefined}
            readOnly
            width={140}
          />
        ) : (
          <Stack sx={{ width: 180 }}>
            <SuggestField
              name="currency"
              label="Currency"
              value={terms.currency}
              options={currencyOptions}
              onChange={(currency) => {
                errors.clear('terms.currency')
                // The typed commitment means a different number of minor units in another currency.
                onChange({
                  ...form,
                  terms: withOptional(
                    { ...terms, currency },
                    'minimumCommitmentMinor',
                    commitmentMinor(commitment, currency),
                  ),
                })
              }}
              error={errors.get('terms.currency')}
              describe={currencyName}
            />
          </Stack>
        )}
        <TextInput
          label={`Base price${terms.currency ? ` (${terms.currency})` : ''}`}
          value={form.basePrice}
          onChange={(basePrice) => {
            errors.clear('terms.basePriceMinor')
            onChange({ ...form, basePrice })
          }}
          error={priceProblem ?? errors.get('terms.basePriceMinor')}
          helperText={`Per interval, e.g. ${exampleAmount(terms.currency)}`}
          readOnly={readOnly}
          decimal
          width={170}
        />
        <Stack direction="row" spacing={1}>
          <IntegerField
            label="Every"
            value={terms.interval.count}
            onChange={(count) => setTerms('interval', { interval: { ...terms.interval, count } })}
            error={errors.get('terms.interval.count') ?? errors.get('terms.interval')}
            readOnly={readOnly}
            width={80}
          />
          <SelectInput
            label="Interval"
            value={terms.interval.unit}
            options={intervalUnitOptions}
            onChange={(unit) => setTerms('interval', { interval: { ...terms.interval, unit } })}
            error={errors.get('terms.interval.unit')}
            readOnly={readOnly}
            width={130}
          />
        </Stack>
        <IntegerField
          label="Trial days"
          value={terms.trialDays}
          onChange={(trialDays) => setTerms('trialDays', { trialDays })}
          error={errors.get('terms.trialDays')}
          readOnly={readOnly}
          width={110}
        />
        <TextInput
          label="Grace period days"
          value={grace}
          onChange={(text) => {
            setGrace(text)
            errors.clear('terms.gracePeriodDays')
            onChange({ ...form, terms: withOptional(terms, 'gracePeriodDays', graceDays(text)) })
          }}
          error={errors.get('terms.gracePeriodDays')}
          helperText="Past due before suspension; empty for 14"
          readOnly={readOnly}
          width={200}
        />
        <TextInput
          label={`Minimum commitment${terms.currency ? ` (${terms.currency})` : ''}`}
          value={commitment}
          onChange={(text) => {
            setCommitment(text)
            errors.clear('terms.minimumCommitmentMinor')
            onChange({
              ...form,
              terms: withOptional(
                terms,
                'minimumCommitmentMinor',
                commitmentMinor(text, terms.currency),
              ),
            })
          }}
          error={commitmentProblem ?? errors.get('terms.minimumCommitmentMinor')}
          helperText="Least billed per period; empty for none"
          readOnly={readOnly}
          decimal
          width={220}
        />
        <SelectInput
          label="Rounding"
          value={terms.rounding}
          options={roundingOptions}
          onChange={(rounding) => setTerms('rounding', { rounding })}
          error={errors.get('terms.rounding')}
          helperText="Applied once per line item"
          readOnly={readOnly}
          width={240}
        />
        <FormControlLabel
          control={
            <Checkbox
              checked={terms.customContract === true}
              disabled={readOnly}
              onChange={(_event, checked) =>
                onChange({ ...form, terms: { ...terms, customContract: checked } })
              }
            />
          }
          label="Custom contract: each subscriber's prices and included units come from its own contract; one without a contract is not billed"
          sx={{ flexBasis: '100%' }}
        />
      </Stack>
    </Paper>
  )
}
