import { ComingSoon } from '../shell/coming-soon'

export const InvoicesPage = () => (
  <ComingSoon
    area="invoices"
    description="Draft, issued and void invoices with their line items, taxes and totals."
  />
)
