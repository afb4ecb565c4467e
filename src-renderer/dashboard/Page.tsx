import { areas } from '../shell/areas'
import { PageHeader } from '../shell/page-header'
import { BillingOverview } from './billing-overview'

/** The finance team's first screen; it stays current through the shell's live updates. */
export const DashboardPage = () => (
  <>
    <PageHeader title={areas.dashboard.label} />
    <BillingOverview />
  </>
)
