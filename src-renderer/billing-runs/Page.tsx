import { ComingSoon } from '../shell/coming-soon'

export const BillingRunsPage = () => (
  <ComingSoon
    area="billingRuns"
    description="Period-end runs that price recorded usage against each subscription and draft the invoices."
  />
)
