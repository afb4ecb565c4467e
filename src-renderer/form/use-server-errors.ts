import { useState } from 'react'
import type { FieldPath, FieldValues, UseFormSetError } from 'react-hook-form'
import { placeServerErrors } from './server-errors'

/**
 * Puts a rejected save's field messages under their fields (RHF's setError) and remembers whether
 * the error as a whole must stay on screen because some message has no field.
 */
export const useServerErrors = <Values extends FieldValues>(
  setError: UseFormSetError<Values>,
  /** The form field a server path lands on; undefined for one no field shows. */
  place: (path: string) => string | undefined,
) => {
  const [unplaced, setUnplaced] = useState(false)
  const show = (error: unknown): void => {
    const split = placeServerErrors(error, place)
    // `place` only returns names of this form's fields (or of its blocks, shown by FormMessage).
    for (const [name, message] of Object.entries(split.fields) as [FieldPath<Values>, string][])
      setError(name, { type: 'server', message })
    setUnplaced(split.unplaced)
  }
  return { show, unplaced, clear: () => setUnplaced(false) }
}
