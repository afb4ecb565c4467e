import type { ReactNode } from 'react'
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form'
import { SuggestField } from '../settings/suggest-field'

type Props<Values extends FieldValues, Transformed> = {
  control: Control<Values, unknown, Transformed>
  name: FieldPath<Values>
  label: string
  options: readonly string[]
  describe?: (option: string) => string
  helperText?: ReactNode
}

/** A free-text field with suggestions (time zones, currencies) bound to a form control. */
export const FormSuggestField = <Values extends FieldValues, Transformed>({
  control,
  name,
  ...rest
}: Props<Values, Transformed>) => {
  const { field, fieldState } = useController({ control, name })
  return (
    <SuggestField
      {...rest}
      name={field.name}
      value={typeof field.value === 'string' ? field.value : ''}
      onChange={field.onChange}
      error={fieldState.error?.message}
    />
  )
}
