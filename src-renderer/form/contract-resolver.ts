import { zodResolver } from '@hookform/resolvers/zod'
import { get, set, type FieldErrors, type FieldValues, type Resolver } from 'react-hook-form'
import type { z } from 'zod'

type Options<Values> = {
  /** Contract paths whose form field has another name, e.g. `amountMinor` typed as `amount`. */
  rename?: Readonly<Record<string, string>>
  /**
   * What cannot even be converted to the contract's input (money that does not parse), keyed by
   * form field; the contract's schema says everything else.
   */
  problems?: (values: Values) => Readonly<Record<string, string>>
}

/**
 * Validates a form with the channel's own zod schema from the contract, so a field shows the very
 * message the server would send. The form keeps what was typed (strings); `toInput` converts it
 * to the channel's input exactly as the submit sends it, and a valid submit receives the parsed
 * input.
 */
export const contractResolver =
  <Values extends FieldValues, Input extends FieldValues, Output>(
    schema: z.ZodType<Output, Input>,
    toInput: (values: Values) => Input,
    options: Options<Values> = {},
  ): Resolver<Values, unknown, Output> =>
  async (values, context, resolverOptions) => {
    const checked = await zodResolver(schema)(toInput(values), context, {
      criteriaMode: resolverOptions.criteriaMode,
      // No field refs: RHF itself focuses the first field in error once the errors are returned.
      fields: {},
      shouldUseNativeValidation: false,
    })
    const problems = options.problems?.(values) ?? {}
    const schemaErrors: Record<string, unknown> = checked.errors
    if (Object.keys(schemaErrors).length === 0 && Object.keys(problems).length === 0)
      return { values: checked.values as Output, errors: {} }
    const errors: FieldErrors<Values> = {}
    for (const [key, error] of Object.entries(schemaErrors)) set(errors, key, error)
    for (const [from, to] of Object.entries(options.rename ?? {})) {
      const error: unknown = get(errors, from)
      if (error === undefined) continue
      const path = from.split('.')
      const parent: unknown = path.length > 1 ? get(errors, path.slice(0, -1).join('.')) : errors
      if (typeof parent === 'object' && parent !== null)
        Reflect.deleteProperty(parent, path.at(-1) ?? '')
      set(errors, to, error)
    }
    for (const [name, message] of Object.entries(problems))
      set(errors, name, { type: 'format', message })
    return { values: {}, errors }
  }
