import type { FeatureOverride, PlanFeature } from '../../src-shared/domain/catalog'

/**
 * The feature as one customer has it: what their custom contract sets (limit, included units,
 * price, on/off) wins over the plan; what it leaves out stays as the plan says. Billing prices
 * with the result; the entitlement evaluator answers from it.
 */
export const applyOverride = (feature: PlanFeature, override?: FeatureOverride): PlanFeature => {
  if (!override || override.code !== feature.code) return feature
  switch (feature.type) {
    case 'boolean':
      return { ...feature, enabled: override.enabled ?? feature.enabled }
    case 'usage':
      return {
        ...feature,
        ...(override.includedUnits === undefined ? {} : { includedUnits: override.includedUnits }),
        pricing: override.pricing ?? feature.pricing,
      }
    case 'quota': {
      const pricing = override.pricing ?? feature.pricing
      return {
        ...feature,
        limit: override.limit ?? feature.limit,
        ...(pricing === undefined ? {} : { pricing }),
      }
    }
    case 'rate':
      return { ...feature, limit: override.limit ?? feature.limit }
  }
}
