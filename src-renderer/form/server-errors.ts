/** `taxRates[0].ratePercent` (the server's paths) as RHF names them: `taxRates.0.ratePercent`. */
export const fieldPathOf = (serverPath: string): string => serverPath.replace(/\[(\d+)\]/g, '.$1')

type Refusal = { code?: unknown; fields?: Record<string, string> }

// Read by shape (an ApiError's code and fields) rather than `instanceof`, so this module stays
// free of the bridge and the unit tests can load it.
const validationFields = (error: unknown): Record<string, string> | undefined => {
  if (typeof error !== 'object' || error === null) return undefined
  const { code, fields } = error as Refusal
  return code === 'validation_failed' ? fields : undefined
}

/**
 * A rejected save split into messages for the form's fields and whether anything is left that no
 * field shows: then the caller keeps the whole error above the form, so no message goes unseen.
 * `place` names the form field a server path lands on (undefined: no field shows it).
 */
export const placeServerErrors = <Name extends string>(
  error: unknown,
  place: (path: string) => Name | undefined,
): { fields: Partial<Record<Name, string>>; unplaced: boolean } => {
  const messages = validationFields(error)
  if (!messages) return { fields: {}, unplaced: true }
  const fields: Partial<Record<Name, string>> = {}
  let unplaced = false
  for (const [path, message] of Object.entries(messages)) {
    const name = place(fieldPathOf(path))
    if (name === undefined) unplaced = true
    else fields[name] = fields[name] ? `${fields[name]}; ${message}` : message
  }
  return { fields, unplaced: unplaced || Object.keys(fields).length === 0 }
}

/** A place function for forms whose field names are the contract's own paths. */
export const placeIn =
  <Name extends string>(names: readonly Name[], aliases: Partial<Record<string, Name>> = {}) =>
  (path: string): Name | undefined =>
    aliases[path] ?? names.find((name) => name === path)
