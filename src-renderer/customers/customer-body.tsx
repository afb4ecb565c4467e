import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import type { Customer } from '../../src-shared/domain/customers'
import { ErrorAlert } from '../error-alert'
import { CustomerBilling } from './customer-billing'
import { formatMinute } from './formats'
import { CustomerFacts, Section, SubscriptionFacts } from './customer-details'
import { MeterCards } from './meter-cards'
import { OverrideEditor } from './override-editor'
import { SubscriptionActions } from './subscription-actions'
import { useCustomerMeters, useSubscribedPlan } from './queries'
import { Receivables } from './receivables'
import { UpcomingInvoice, useUpcomingInvoice } from './upcoming-invoice'

const Meters = ({ customer }: { customer: Customer }) => {
  const subscription = customer.subscription
  const meters = useCustomerMeters(customer.externalId, subscription !== null)
  const plan = useSubscribedPlan(subscription?.planId)
  // The same read as the estimate below (one cached query): the overage at the customer's price.
  const upcoming = useUpcomingInvoice(customer.externalId, subscription !== null)
  const estimate = upcoming.data?.status === 'estimated' ? upcoming.data : null
  const overages =
    estimate?.overages.map((overage) => ({ ...overage, currency: estimate.currency })) ?? []
  // Names and units come from the version the customer is on, not the newest one.
  const features =
    plan.data?.versions.find((version) => version.version === subscription?.planVersion)
      ?.features ?? []

  if (!subscription) {
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        No subscription, so nothing is metered. Edit the customer to choose a plan.
      </Typography>
    )
  }
  if (meters.isPending) return <LinearProgress aria-label="Loading usage" />
  if (meters.isError) {
    return (
      <ErrorAlert
        error={meters.error}
        action={
          <Button color="inherit" onClick={() => void meters.refetch()}>
            Retry
          </Button>
        }
      />
    )
  }
  const { period } = meters.data
  return (
    <Stack spacing={1.5}>
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        Billing period {formatMinute(period.start)} to {formatMinute(period.end)}
      </Typography>
      <MeterCards meters={meters.data.meters} features={features} overages={overages} />
    </Stack>
  )
}

/** Everything on a customer's page below the heading. */
export const CustomerDetailsBody = ({ customer }: { customer: Customer }) => {
  const plan = useSubscribedPlan(customer.subscription?.planId)
  const version = plan.data?.versions.find((v) => v.version === customer.subscription?.planVersion)
  return (
    <Stack spacing={2}>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: '1fr', md: 'repeat(2, minmax(0, 1fr))' },
          gap: 2,
          alignItems: 'start',
        }}
      >
        <Section title="Details">
          <CustomerFacts customer={customer} />
        </Section>
        <Section title="Subscription">
          {customer.subscription ? (
            <>
              <SubscriptionFacts subscription={customer.subscription} plan={plan.data} />
              <SubscriptionActions customer={customer} />
            </>
          ) : (
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              Not subscribed to a plan.
            </Typography>
          )}
        </Section>
      </Box>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: '1fr', md: 'repeat(2, minmax(0, 1fr))' },
          gap: 2,
          alignItems: 'start',
        }}
      >
        <Section title="Amount due">
          <Receivables externalId={customer.externalId} currency={customer.currency} />
        </Section>
        <Section title="Upcoming invoice">
          <UpcomingInvoice
            externalId={customer.externalId}
            enabled={customer.subscription !== null}
          />
        </Section>
      </Box>
      <Section title="Usage this period">
        <Meters customer={customer} />
      </Section>
      {version ? (
        <Section title="Contract overrides">
          <OverrideEditor
            // A new plan version is a new form; a save resets the form to what it saved.
            key={`${customer.subscription?.planId ?? ''}|${version.version}`}
            customer={customer}
            features={version.features}
            currency={version.currency}
          />
        </Section>
      ) : null}
      <CustomerBilling customer={customer} />
    </Stack>
  )
}
