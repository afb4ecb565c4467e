import { z } from 'zod'
import type { FeatureOverride } from '../../src-shared/domain/catalog'
import { DecimalSchema, FeatureCode } from '../catalog/schemas'
import { PricingSchema } from '../pricing'

/** A custom contract for one feature; main checks it deeply (pricing by the models' schemas). */
export const FeatureOverrideSchema = z.strictObject({
  code: FeatureCode,
  limit: DecimalSchema.optional(),
  includedUnits: DecimalSchema.optional(),
  pricing: PricingSchema.optional(),
  enabled: z.boolean().optional(),
}) satisfies z.ZodType<FeatureOverride, FeatureOverride>

export const OverridesSchema = z.array(FeatureOverrideSchema).max(200)
