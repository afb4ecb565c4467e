import Box from '@mui/material/Box'
import { useState } from 'react'
import type { Pricing, RoundingRule } from '../../src-shared/domain/pricing'
import { mergeScopes, type ErrorScope } from './field-errors'
import { PricingEditor } from './pricing-editor'
import { PricingPreview } from './pricing-preview'
import { usePricingPreview } from './use-pricing-preview'

type Props = {
  pricing: Pricing
  onChange: (pricing: Pricing) => void
  /** Errors from the last save, relative to this definition. */
  errors: ErrorScope
  currency: string
  rounding: RoundingRule
  readOnly: boolean
  /** What the preview quantity means for this feature. */
  note?: string | undefined
}

/** A pricing definition and its live preview, side by side where the window is wide enough. */
export const PricingWorkbench = ({
  pricing,
  onChange,
  errors,
  currency,
  rounding,
  readOnly,
  note,
}: Props) => {
  const [quantity, setQuantity] = useState('100')
  const preview = usePricingPreview({ pricing, currency, rounding, quantity })
  // The preview's messages describe the definition as it is now, so they win over the last save's.
  const fieldErrors = mergeScopes(preview.errors.at('pricing'), errors)

  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <PricingEditor
        pricing={pricing}
        onChange={(next) => {
          // Any edit may settle a message elsewhere in the definition (tier bounds depend on each
          // other), and the preview re-checks the whole of it live, so the save's messages go.
          errors.clear()
          onChange(next)
        }}
        errors={fieldErrors}
        currency={currency}
        readOnly={readOnly}
      />
      <PricingPreview
        preview={preview}
        quantity={quantity}
        onQuantityChange={setQuantity}
        note={note}
      />
    </Box>
  )
}
