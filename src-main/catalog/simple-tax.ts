import Big from 'big.js'
import { z } from 'zod'
import { DecimalSchema } from './schemas'

/**
 * The template's `tax:` block. `defaultRate` is a fraction (0.2 is 20 %), as the template's other
 * rates are plain numbers; `exemptRegions` are tax regions (`US-DE`) whose customers pay no tax.
 * Other keys are kept out of the ledger with a warning: rates per region are set in Settings.
 */
export const SimpleTaxSchema = z.looseObject({
  provider: z.string().optional(),
  defaultRate: DecimalSchema.refine(
    (rate) => new Big(rate).lte(1),
    'must be a fraction between 0 and 1, e.g. 0.2 for 20 %',
  )
    .refine((rate) => /^\d+(\.\d{1,8})?$/.test(rate), 'must have at most 8 decimals')
    .optional(),
  exemptRegions: z
    .array(z.string().trim().min(1, 'must not be empty').max(64), 'must be a list of regions')
    .max(500)
    .optional(),
})

/** What the document sets in Settings: the default rate (percent) and the exempt regions. */
export type DocumentTax = { defaultRatePercent?: string; exemptRegions?: string[] }

export const taxOfDocument = (
  tax: z.output<typeof SimpleTaxSchema>,
  warnings: string[],
): DocumentTax => {
  const { provider, defaultRate, exemptRegions, ...rest } = tax
  if (provider !== undefined) {
    warnings.push(
      `tax.provider "${provider}": Meterbook computes tax itself from the rates in Settings; the default rate and exempt regions were applied.`,
    )
  }
  for (const key of Object.keys(rest)) {
    warnings.push(`tax.${key} was not imported: tax rates per region are set in Settings.`)
  }
  return {
    ...(defaultRate === undefined
      ? {}
      : { defaultRatePercent: new Big(defaultRate).times(100).toFixed() }),
    ...(exemptRegions === undefined ? {} : { exemptRegions: [...new Set(exemptRegions)] }),
  }
}
