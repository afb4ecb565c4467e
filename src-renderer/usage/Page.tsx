import { ComingSoon } from '../shell/coming-soon'

export const UsagePage = () => (
  <ComingSoon
    area="usage"
    description="Metered usage per customer and feature, recorded and totalled for each billing period."
  />
)
