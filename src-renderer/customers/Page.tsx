import { ComingSoon } from '../shell/coming-soon'

export const CustomersPage = () => (
  <ComingSoon
    area="customers"
    description="Customer accounts, billing contacts and tax details, and the plans they subscribe to."
  />
)
