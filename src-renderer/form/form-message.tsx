import Typography from '@mui/material/Typography'
import { get, useFormState, type Control, type FieldValues } from 'react-hook-form'

type Props<Values extends FieldValues, Transformed> = {
  control: Control<Values, unknown, Transformed>
  /** A block of fields (`taxRates`, `payments`) whose message is about the block as a whole. */
  name: string
}

/** The error of a block of fields, e.g. "must list each region once", shown beside the block. */
export const FormMessage = <Values extends FieldValues, Transformed>({
  control,
  name,
}: Props<Values, Transformed>) => {
  const { errors } = useFormState({ control })
  const error: unknown = get(errors, name)
  const message = messageOf(error) ?? messageOf(get(error, 'root'))
  return message ? (
    <Typography variant="body2" color="error" role="alert">
      {message}
    </Typography>
  ) : null
}

const messageOf = (error: unknown): string | undefined => {
  const message: unknown = get(error, 'message')
  return typeof message === 'string' && message !== '' ? message : undefined
}
