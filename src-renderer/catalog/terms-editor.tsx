import Stack from '@mui/material/Stack'
import { FeatureSection } from './feature-section'
import type { ErrorScope } from './field-errors'
import type { PlanForm } from './plan-form'
import { PlanFields } from './plan-fields'

type Props = {
  form: PlanForm
  onChange: (form: PlanForm) => void
  /** Errors keyed as the save input (`terms.features[0].code`). */
  errors: ErrorScope
  readOnly: boolean
}

/** A version's terms as one form; read-only for published versions, which never change. */
export const TermsEditor = ({ form, onChange, errors, readOnly }: Props) => (
  <Stack spacing={2}>
    <PlanFields form={form} onChange={onChange} errors={errors} readOnly={readOnly} />
    <FeatureSection
      features={form.terms.features}
      onChange={(features) => onChange({ ...form, terms: { ...form.terms, features } })}
      errors={errors.at('terms.features')}
      currency={form.terms.currency}
      rounding={form.terms.rounding}
      readOnly={readOnly}
    />
  </Stack>
)
