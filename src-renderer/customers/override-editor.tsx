import { zodResolver } from '@hookform/resolvers/zod'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { useForm, useWatch, type UseFormSetError } from 'react-hook-form'
import type { FeatureOverride, PlanFeature } from '../../src-shared/domain/catalog'
import type { Customer } from '../../src-shared/domain/customers'
import {
  OverridesFormSchema,
  overridesForm,
  overridesOf,
  type OverridesFormInput,
  type OverridesFormOutput,
} from '../../src-shared/domain/override-form'
import { ApiError } from '../api'
import { ErrorAlert } from '../error-alert'
import { useCan } from '../session/queries'
import { OverrideRow } from './override-row'
import { useSaveCustomer } from './queries'

/** Which form field a server path (`overrides[0].pricing.unit_amount`) is about. */
const fieldOf = (rest: string): 'includedUnits' | 'limit' | 'price' | 'enabled' | null => {
  if (rest.startsWith('.includedUnits')) return 'includedUnits'
  if (rest.startsWith('.limit')) return 'limit'
  if (rest.startsWith('.pricing')) return 'price'
  if (rest.startsWith('.enabled')) return 'enabled'
  return null
}

/**
 * Puts the server's field errors (main checks pricing deeper than the form) under their fields.
 * True when every one found its field, so no banner is needed.
 */
const placeServerErrors = (
  error: unknown,
  sent: readonly FeatureOverride[],
  features: readonly PlanFeature[],
  setError: UseFormSetError<OverridesFormInput>,
): boolean => {
  if (!(error instanceof ApiError) || !error.fields) return false
  let placed = true
  for (const [path, message] of Object.entries(error.fields)) {
    const match = /^overrides\[(\d+)\](.*)$/.exec(path)
    const code = match ? sent[Number(match[1])]?.code : undefined
    const index = features.findIndex((f) => f.code === code)
    const field = match ? fieldOf(match[2] ?? '') : null
    if (index < 0 || field === null) {
      placed = false
      continue
    }
    setError(`features.${index}.${field}`, { message })
  }
  return placed
}

type Props = { customer: Customer; features: readonly PlanFeature[]; currency: string }

/**
 * The customer's contract terms per feature of their plan: included units, limits, prices and
 * access, each blank for the plan's own. Saved through customers:save, which audits the change.
 */
export const OverrideEditor = ({ customer, features, currency }: Props) => {
  const readOnly = !useCan()('customers:save')
  const save = useSaveCustomer()
  const [failure, setFailure] = useState<unknown>(null)
  const [saved, setSaved] = useState(false)
  const form = useForm<OverridesFormInput, unknown, OverridesFormOutput>({
    resolver: zodResolver(OverridesFormSchema),
    defaultValues: overridesForm(features, customer.overrides),
  })
  const { register, control, setValue, setError, handleSubmit, formState } = form
  const rows = useWatch({ control, name: 'features' })

  const submit = handleSubmit(async (values) => {
    setFailure(null)
    setSaved(false)
    const overrides = overridesOf(features, values, customer.overrides)
    try {
      const after = await save.mutateAsync({
        externalId: customer.externalId,
        name: customer.name,
        overrides,
      })
      // The saved terms become the form's baseline: "Discard changes" returns to them.
      form.reset(overridesForm(features, after.overrides))
      setSaved(true)
    } catch (error) {
      if (!placeServerErrors(error, overrides, features, setError)) setFailure(error)
    }
  })

  if (features.length === 0)
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        The plan has no features to override.
      </Typography>
    )
  return (
    <Stack
      component="form"
      aria-label="Contract overrides"
      noValidate
      spacing={2}
      onSubmit={(event) => void submit(event)}
    >
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        What this customer&apos;s contract sets wins over the plan; leave a field blank for the
        plan&apos;s value, shown beneath it.
      </Typography>
      {features.map((feature, index) => (
        <OverrideRow
          key={feature.code}
          feature={feature}
          index={index}
          currency={currency}
          register={register}
          control={control}
          setValue={setValue}
          errors={formState.errors}
          readOnly={readOnly}
          kept={rows[index]?.keptPricing !== undefined}
        />
      ))}
      {failure ? <ErrorAlert error={failure} /> : null}
      {saved && !formState.isDirty ? (
        <Alert severity="success" role="status">
          Overrides saved
        </Alert>
      ) : null}
      {readOnly ? null : (
        <Stack direction="row" spacing={1}>
          <Button
            type="submit"
            variant="contained"
            disabled={formState.isSubmitting || !formState.isDirty}
          >
            Save overrides
          </Button>
          <Button
            disabled={formState.isSubmitting || !formState.isDirty}
            onClick={() => form.reset()}
          >
            Discard changes
          </Button>
        </Stack>
      )}
    </Stack>
  )
}
