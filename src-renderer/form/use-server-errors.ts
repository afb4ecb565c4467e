import { useState } from 'react'
import type { FieldPath, FieldValues, UseFormSetError } from 'react-hook-form'
import { placeServerErrors } from './server-errors'

/**
 * Puts a rejected save's field messages under their fields (RHF's setError) and remembers whether
 * the error as a whole must stay on screen because some message has no field.
 */
export const useServerErrors = <Values extends FieldValues>(
  setError: UseFormSetError<Values>,
  place: (path: string) => FieldPath<Values> | undefined,
) => {
  const [unplaced, setUnplaced] = useState(false)
  const show = (error: unknown): void => {
    const split = placeServerErrors(error, place)
    for (const [name, message] of Object.entries(split.fields) as [FieldPath<Values>, string][])
      setError(name, { type: 'server', message })
    setUnplaced(split.unplaced)
  }
  return { show, unplaced, clear: () => setUnplaced(false) }
}
