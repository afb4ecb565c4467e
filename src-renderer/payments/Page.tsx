import { ComingSoon } from '../shell/coming-soon'

export const PaymentsPage = () => (
  <ComingSoon
    area="payments"
    description="Payment attempts for issued invoices, their failures, and the schedule for retrying them."
  />
)
