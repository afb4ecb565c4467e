/**
 * Suggestions for the zone and currency pickers. They only suggest: the field keeps whatever is
 * typed, and the server decides what is valid.
 */

// V8 leaves `UTC` out of supportedValuesOf, yet it is the default business zone.
export const timeZoneOptions: readonly string[] = (() => {
  const zones = Intl.supportedValuesOf('timeZone')
  return zones.includes('UTC') ? zones : ['UTC', ...zones]
})()

export const currencyOptions: readonly string[] = Intl.supportedValuesOf('currency')

const currencyNames = new Intl.DisplayNames(undefined, { type: 'currency' })

/** "Euro" for EUR; the code itself when the runtime has no name for it. */
export const currencyName = (code: string): string => {
  try {
    return currencyNames.of(code) ?? code
  } catch {
    return code
  }
}
