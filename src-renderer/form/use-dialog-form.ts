import type { UseMutationResult } from '@tanstack/react-query'
import { useForm, type FieldValues, type UseFormProps } from 'react-hook-form'
import { useServerErrors } from './use-server-errors'

type Options<Values extends FieldValues, Input, Saved> = {
  form: UseFormProps<Values, unknown, Input>
  /** The channel's mutation; it receives the input the contract's schema parsed. */
  mutation: UseMutationResult<Saved, Error, Input>
  /** The form field a server path lands on (see placeIn). */
  place: (path: string) => string | undefined
  onSaved: (saved: Saved) => void
}

/**
 * A dialog's form and its save: validated by the contract's schema, sent once at a time, and a
 * refused save's messages put under their fields. Spread `dialog` onto FormDialog.
 */
export const useDialogForm = <Values extends FieldValues, Input, Saved>({
  form: formOptions,
  mutation,
  place,
  onSaved,
}: Options<Values, Input, Saved>) => {
  const form = useForm<Values, unknown, Input>(formOptions)
  const server = useServerErrors(form.setError, place)
  const submit = form.handleSubmit((input) => {
    if (mutation.isPending) return
    server.clear()
    mutation.mutate(input, { onSuccess: onSaved, onError: server.show })
  })
  return {
    form,
    dialog: {
      onSubmit: () => void submit(),
      pending: mutation.isPending,
      // Shown whole only when some message has no field to stand under.
      error: server.unplaced ? mutation.error : null,
    },
  }
}
