import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import Stack from '@mui/material/Stack'
import { useState, type SyntheticEvent } from 'react'
import type { Interval, Plan } from '../../src-shared/domain/catalog'
import { ApiError } from '../api'
import { ErrorAlert } from '../error-alert'
import { currencyName, currencyOptions } from '../settings/options'
import { SuggestField } from '../settings/suggest-field'
import { errorScope, type FieldErrors } from './field-errors'
import { IntegerField, SelectInput, TextInput } from './form-fields'
import { basePriceProblem, exampleAmount, formTerms, type PlanForm } from './plan-form'
import { intervalUnitOptions } from './plan-fields'
import { useCreatePlan } from './queries'

type Props = {
  defaultCurrency: string
  onClose: () => void
  onCreated: (plan: Plan) => void
}

const shownFields: ReadonlySet<string> = new Set([
  'id',
  'name',
  'terms.currency',
  'terms.basePriceMinor',
  'terms.interval',
  'terms.interval.count',
  'terms.interval.unit',
])

/** A suggested id from the name ("Pro Annual" → "pro-annual"); the operator may change it. */
const slugOf = (name: string): string =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)

/** Creates a plan with its first draft: the basics here, features in the editor that follows. */
export const NewPlanDialog = ({ defaultCurrency, onClose, onCreated }: Props) => {
  const create = useCreatePlan()
  const [id, setId] = useState('')
  const [idTouched, setIdTouched] = useState(false)
  const [form, setForm] = useState<PlanForm>({
    name: '',
    basePrice: '0.00',
    terms: {
      currency: defaultCurrency,
      interval: { unit: 'month', count: 1 },
      basePriceMinor: 0,
      trialDays: 0,
      rounding: 'half_up',
      features: [],
    },
  })
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({})
  const errors = errorScope(fieldErrors, setFieldErrors)

  const terms = formTerms(form)
  // Anything this dialog has no field for is shown whole, so no message goes unseen.
  const otherError =
    create.error &&
    !(
      create.error instanceof ApiError &&
      create.error.fields &&
      Object.keys(create.error.fields).every((key) => shownFields.has(key))
    )
      ? create.error
      : undefined
  const setInterval = (interval: Interval): void => {
    errors.clear('terms.interval')
    setForm({ ...form, terms: { ...form.terms, interval } })
  }

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault()
    event.stopPropagation()
    if (!terms || create.isPending) return
    create.mutate(
      { id, name: form.name, terms },
      {
        onSuccess: onCreated,
        onError: (error) => setFieldErrors(error instanceof ApiError ? (error.fields ?? {}) : {}),
      },
    )
  }

  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="sm"
      fullWidth
      slotProps={{ paper: { component: 'form', onSubmit: submit } }}
    >
      <DialogTitle>New plan</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {otherError ? <ErrorAlert error={otherError} /> : null}
          <TextInput
            label="Name"
            autoFocus
            value={form.name}
            onChange={(name) => {
              errors.clear('name')
              setForm({ ...form, name })
              if (!idTouched) setId(slugOf(name))
            }}
            error={errors.get('name')}
            width="100%"
          />
          <TextInput
            label="ID"
            value={id}
            onChange={(next) => {
              errors.clear('id')
              setIdTouched(true)
              setId(next)
            }}
            error={errors.get('id')}
            helperText="Lowercase letters, digits, - and _; fixed once created"
            width="100%"
          />
          <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
            <Stack sx={{ flex: 1 }}>
              <SuggestField
                name="currency"
                label="Currency"
                value={form.terms.currency}
                options={currencyOptions}
                onChange={(currency) => {
                  errors.clear('terms.currency')
                  setForm({ ...form, terms: { ...form.terms, currency } })
                }}
                error={errors.get('terms.currency')}
                describe={currencyName}
              />
            </Stack>
            <TextInput
              label="Base price"
              value={form.basePrice}
              onChange={(basePrice) => {
                errors.clear('terms.basePriceMinor')
                setForm({ ...form, basePrice })
              }}
              error={basePriceProblem(form) ?? errors.get('terms.basePriceMinor')}
              helperText={`Per interval, e.g. ${exampleAmount(form.terms.currency)}`}
              decimal
              width={180}
            />
          </Stack>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
            <IntegerField
              label="Every"
              value={form.terms.interval.count}
              onChange={(count) => setInterval({ ...form.terms.interval, count })}
              error={errors.get('terms.interval.count') ?? errors.get('terms.interval')}
              width={90}
            />
            <SelectInput
              label="Interval"
              value={form.terms.interval.unit}
              options={intervalUnitOptions}
              onChange={(unit) => setInterval({ ...form.terms.interval, unit })}
              error={errors.get('terms.interval.unit')}
              width={160}
            />
          </Stack>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          type="submit"
          variant="contained"
          disabled={!id.trim() || !form.name.trim() || create.isPending}
        >
          Create plan
        </Button>
      </DialogActions>
    </Dialog>
  )
}
