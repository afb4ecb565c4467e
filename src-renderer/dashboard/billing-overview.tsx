import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Grid from '@mui/material/Grid'
import Skeleton from '@mui/material/Skeleton'
import type { ComponentType } from 'react'
import { errorMessage } from '../error-alert'
import { ActivityFeed } from './activity-feed'
import { lazyPage } from '../lazy-page'
import { MoneyTiles } from './money-tiles'
import { useDashboard } from './queries'

// The charts' code (a third of a megabyte) and their drawing come after the money tiles: the
// tiles are on screen first, each chart fills its place when ready.
const chart = <P extends object>(load: () => Promise<ComponentType<P>>) =>
  lazyPage(load, <Skeleton variant="rounded" height={300} />)
const charts = () => import('./billing-charts')
const RevenueChart = chart(() => import('./revenue-chart').then((m) => m.RevenueChart))
const InvoicesByStatusChart = chart(() => charts().then((m) => m.InvoicesByStatusChart))
const TopCustomersChart = chart(() => charts().then((m) => m.TopCustomersChart))
const SubscriptionsChart = chart(() => charts().then((m) => m.SubscriptionsChart))

/** The money at a glance: receivables and revenue per currency, invoicing, and what happened. */
export const BillingOverview = () => {
  const summary = useDashboard()
  if (summary.isPending) return <Skeleton variant="rounded" height={320} />
  // The charts are a summary: their failure must not take the rest of the dashboard with it.
  if (summary.isError) {
    return (
      <Alert
        severity="warning"
        action={
          <Button color="inherit" onClick={() => void summary.refetch()}>
            Retry
          </Button>
        }
      >
        The billing summary could not be read: {errorMessage(summary.error)}
      </Alert>
    )
  }
  const data = summary.data
  return (
    <Grid container spacing={2}>
      <Grid size={12}>
        <MoneyTiles money={data.money} />
      </Grid>
      <Grid size={{ xs: 12, lg: 7 }}>
        <RevenueChart rows={data.revenueByMonth} />
      </Grid>
      <Grid size={{ xs: 12, lg: 5 }}>
        <InvoicesByStatusChart rows={data.invoicesByStatus} />
      </Grid>
      <Grid size={{ xs: 12, lg: 7 }}>
        <ActivityFeed items={data.activity} />
      </Grid>
      <Grid size={{ xs: 12, lg: 5 }}>
        <TopCustomersChart rows={data.topCustomers} />
      </Grid>
      <Grid size={{ xs: 12, lg: 7 }}>
        <SubscriptionsChart rows={data.subscriptionsByStatus} />
      </Grid>
    </Grid>
  )
}
