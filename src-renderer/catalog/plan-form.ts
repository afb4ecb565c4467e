import {
  termsOf,
  type FeatureType,
  type PlanFeature,
  type PlanTerms,
  type PlanVersion,
} from '../../src-shared/domain/catalog'
import type { Pricing, PricingKind } from '../../src-shared/domain/pricing'
import { isCurrency, minorUnitDigits, parseMajor, toMajor } from '../../src-shared/money'

/**
 * What the plan editor holds. The base price stays text in major units because its meaning in
 * minor units depends on the currency, which may still change; it is converted only on save.
 */
export type PlanForm = { name: string; basePrice: string; terms: PlanTerms }

export const defaultThresholds: readonly number[] = [75, 90, 100]

export const formOf = (name: string, version: PlanVersion): PlanForm => ({
  name,
  basePrice: isCurrency(version.currency)
    ? toMajor(version.basePriceMinor, version.currency)
    : String(version.basePriceMinor),
  terms: termsOf(version),
})

/** "49.00" for USD, "49" for JPY, "49.000" for KWD: an example written the way it is parsed. */
export const exampleAmount = (currency: string): string =>
  isCurrency(currency) ? toMajor(49 * 10 ** minorUnitDigits(currency), currency) : '49.00'

/** Why the base price cannot be converted, in words for the field; undefined when it can. */
export const basePriceProblem = ({ basePrice, terms }: PlanForm): string | undefined => {
  if (!isCurrency(terms.currency)) return 'Choose a valid currency to enter the price'
  const example = exampleAmount(terms.currency)
  if (basePrice.trim() === '') return `Enter the base price, e.g. ${example} (0 for none)`
  if (parseMajor(basePrice, terms.currency) === undefined)
    return `Enter an amount in ${terms.currency} such as ${example}`
  return undefined
}

/** The terms to send, or undefined while the base price cannot be converted. */
export const formTerms = (form: PlanForm): PlanTerms | undefined => {
  if (!isCurrency(form.terms.currency)) return undefined
  const basePriceMinor = parseMajor(form.basePrice, form.terms.currency)
  return basePriceMinor === undefined ? undefined : { ...form.terms, basePriceMinor }
}

export const featureTypeLabels: Record<FeatureType, string> = {
  usage: 'Usage',
  quota: 'Quota',
  rate: 'Rate limit',
  boolean: 'Boolean',
}

/** A new feature of a type, with blanks for the operator to fill and the usual alert levels. */
export const newFeature = (type: FeatureType): PlanFeature => {
  const alertThresholds = [...defaultThresholds]
  switch (type) {
    case 'usage':
      return {
        type,
        code: '',
        name: '',
        pricing: { model: 'flat', unit_amount: '0' },
        alertThresholds,
      }
    case 'quota':
      return { type, code: '', name: '', limit: '', enforcement: 'hard', alertThresholds }
    case 'rate':
      return {
        type,
        code: '',
        name: '',
        limit: '',
        window: { unit: 'hour', count: 1 },
        windowMode: 'fixed',
        alertThresholds,
      }
    case 'boolean':
      return { type, code: '', name: '', enabled: true }
  }
}

const firstUnitAmount = (pricing: Pricing): string => {
  switch (pricing.model) {
    case 'flat':
      return pricing.unit_amount
    case 'tiered':
    case 'volume':
      return pricing.tiers[0]?.unit_amount ?? pricing.tiers[0]?.block_amount ?? '0'
    case 'package':
      return pricing.package_amount
    // A percent is not a price per unit: nothing carries over.
    case 'percentage':
    case 'graduated_percentage':
      return '0'
  }
}

/** Another model, keeping what carries over (the tiers, the first price) so little is retyped. */
export const switchModel = (pricing: Pricing, model: PricingKind): Pricing => {
  if (pricing.model === model) return pricing
  const amount = firstUnitAmount(pricing)
  switch (model) {
    case 'flat':
      return { model, unit_amount: amount }
    case 'tiered':
    case 'volume':
      return {
        model,
        tiers:
          pricing.model === 'tiered' || pricing.model === 'volume'
            ? pricing.tiers
            : [{ up_to: null, unit_amount: amount }],
      }
    case 'package':
      return { model, package_size: '1', package_amount: amount, rounding: 'up' }
    case 'percentage':
      return { model, rate_percent: '0' }
    case 'graduated_percentage':
      return { model, tiers: [{ up_to: null, rate_percent: '0' }] }
  }
}

export const defaultPricing: Pricing = { model: 'flat', unit_amount: '0' }

/** '' means "not set" for optional decimal fields, so the key is left out of the document. */
export const optionalText = (text: string): string | undefined => (text === '' ? undefined : text)
