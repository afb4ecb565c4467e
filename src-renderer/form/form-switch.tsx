import Checkbox from '@mui/material/Checkbox'
import FormControlLabel from '@mui/material/FormControlLabel'
import Switch from '@mui/material/Switch'
import type { SxProps, Theme } from '@mui/material/styles'
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form'

type Props<Values extends FieldValues, Transformed> = {
  control: Control<Values, unknown, Transformed>
  name: FieldPath<Values>
  label: string
  /** A checkbox for a property of the record, a switch for a setting that turns something on. */
  variant?: 'switch' | 'checkbox'
  sx?: SxProps<Theme>
}

/** A yes/no field bound to a form control. */
export const FormSwitch = <Values extends FieldValues, Transformed>({
  control,
  name,
  label,
  variant = 'switch',
  sx,
}: Props<Values, Transformed>) => {
  const { field } = useController({ control, name })
  const props = {
    name: field.name,
    checked: field.value === true,
    onChange: (_event: unknown, checked: boolean) => field.onChange(checked),
    onBlur: field.onBlur,
    inputRef: field.ref,
  }
  return (
    <FormControlLabel
      sx={sx}
      control={variant === 'switch' ? <Switch {...props} /> : <Checkbox {...props} />}
      label={label}
    />
  )
}
