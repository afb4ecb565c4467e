import Grid from '@mui/material/Grid'
import { areas } from '../shell/areas'
import { PageHeader } from '../shell/page-header'
import { useLiveAudit } from '../audit/queries'
import { useLiveRuns } from '../billing-runs/queries'
import { BillingOverview } from './billing-overview'
import { InstanceCard } from './instance-card'
import { RecentActivityCard } from './recent-activity-card'

export const DashboardPage = () => {
  useLiveAudit()
  // A scheduled run while the dashboard is open changes its revenue and invoice figures.
  useLiveRuns()
  return (
    <>
      <PageHeader title={areas.dashboard.label} />
      <Grid container spacing={2}>
        <Grid size={12}>
          <BillingOverview />
        </Grid>
        <Grid size={{ xs: 12, lg: 5 }}>
          <InstanceCard />
        </Grid>
        <Grid size={{ xs: 12, lg: 7 }}>
          <RecentActivityCard />
        </Grid>
      </Grid>
    </>
  )
}
