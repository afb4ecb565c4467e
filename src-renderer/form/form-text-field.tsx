import TextField, { type TextFieldProps } from '@mui/material/TextField'
import type { ReactNode } from 'react'
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form'

type Props<Values extends FieldValues, Transformed> = {
  control: Control<Values, unknown, Transformed>
  name: FieldPath<Values>
  /** Absent for a cell whose column names it: give it an aria-label in inputAttributes. */
  label?: string
  /** Shown under the field while it has no error. */
  helperText?: ReactNode
  /** The keyboard a touch device shows; money and rates are `decimal`, counts `numeric`. */
  inputMode?: 'numeric' | 'decimal'
  readOnly?: boolean
  /** Rewrites what is typed before it is kept, e.g. to capitals for a numbering prefix. */
  transform?: (typed: string) => string
  /** Extra input attributes, e.g. an aria-label for a field without a visible label. */
  inputAttributes?: Record<string, string | boolean | undefined>
} & Pick<
  TextFieldProps,
  | 'select'
  | 'children'
  | 'multiline'
  | 'minRows'
  | 'type'
  | 'disabled'
  | 'fullWidth'
  | 'autoFocus'
  | 'required'
  | 'size'
  | 'sx'
  | 'autoComplete'
>

/**
 * A text, number-as-text, date or select field bound to a react-hook-form control: the value is
 * always the typed string (converted only when sent, so money stays exact), and the field's error,
 * from the contract's schema or from the server, shows under it.
 */
export const FormTextField = <Values extends FieldValues, Transformed>({
  control,
  name,
  label,
  helperText,
  inputMode,
  readOnly,
  transform,
  inputAttributes,
  type,
  ...rest
}: Props<Values, Transformed>) => {
  const { field, fieldState } = useController({ control, name })
  const message = fieldState.error?.message
  const dated = type === 'date' || type === 'month' || type === 'time'
  return (
    <TextField
      {...rest}
      type={type}
      name={field.name}
      label={label}
      value={field.value ?? ''}
      onChange={(event) =>
        field.onChange(transform ? transform(event.target.value) : event.target.value)
      }
      onBlur={field.onBlur}
      inputRef={field.ref}
      error={Boolean(message)}
      helperText={message ?? helperText}
      slotProps={{
        ...(dated ? { inputLabel: { shrink: true } } : {}),
        input: { readOnly },
        htmlInput: { inputMode, ...inputAttributes },
      }}
    />
  )
}
