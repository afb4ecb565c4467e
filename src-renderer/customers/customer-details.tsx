import Box from '@mui/material/Box'
import Paper from '@mui/material/Paper'
import Typography from '@mui/material/Typography'
import type { ReactNode } from 'react'
import type { Plan } from '../../src-shared/domain/catalog'
import type { Customer, Subscription } from '../../src-shared/domain/customers'
import { formatDate, formatLastDay } from '../format'
import { useBusinessZone } from '../invoices/period-format'
import { SubscriptionStatusChip } from './status-chip'

type Item = { term: string; value: ReactNode }

const none = (
  <Box component="span" sx={{ color: 'text.disabled' }}>
    —
  </Box>
)

const orNone = (text: string): ReactNode => (text.trim() ? text : none)

/** Terms and values in two columns; multi-line values (an address) keep their line breaks. */
const Facts = ({ items }: { items: readonly Item[] }) => (
  <Box
    component="dl"
    sx={{
      m: 0,
      display: 'grid',
      gridTemplateColumns: 'minmax(120px, max-content) 1fr',
      columnGap: 2,
      rowGap: 1,
    }}
  >
    {items.map(({ term, value }) => (
      <Box key={term} sx={{ display: 'contents' }}>
        <Typography component="dt" variant="body2" sx={{ color: 'text.secondary' }}>
          {term}
        </Typography>
        <Typography
          component="dd"
          variant="body2"
          sx={{ m: 0, whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}
        >
          {value}
        </Typography>
      </Box>
    ))}
  </Box>
)

export const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <Paper component="section" aria-label={title} variant="outlined" sx={{ p: 2.5 }}>
    <Typography variant="subtitle2" component="h2" sx={{ mb: 1.5 }}>
      {title}
    </Typography>
    {children}
  </Paper>
)

export const CustomerFacts = ({ customer }: { customer: Customer }) => (
  <Facts
    items={[
      { term: 'Email', value: orNone(customer.email) },
      { term: 'Currency', value: customer.currency },
      { term: 'Billing address', value: orNone(customer.billingAddress) },
      { term: 'Tax region', value: orNone(customer.taxRegion) },
      { term: 'Tax exempt', value: customer.taxExempt ? 'Yes' : 'No' },
      { term: 'Notes', value: orNone(customer.notes) },
    ]}
  />
)

type SubscriptionProps = { subscription: Subscription; plan: Plan | undefined }

export const SubscriptionFacts = ({ subscription, plan }: SubscriptionProps) => {
  const where = { timeZone: useBusinessZone() }
  return (
    <Facts
      items={[
        {
          term: 'Plan',
          value: (
            <>
              {plan ? `${plan.name} (` : null}
              <Box component="code" sx={{ fontFamily: 'monospace' }}>
                {subscription.planId}
              </Box>
              {plan ? ')' : null} · version {subscription.planVersion}
            </>
          ),
        },
        { term: 'Status', value: <SubscriptionStatusChip status={subscription.status} /> },
        { term: 'Start date', value: formatDate(subscription.startDate, where) },
        { term: 'Billing anchor day', value: String(subscription.billingAnchorDay) },
        {
          term: 'Trial end',
          value: subscription.trialEnd ? formatDate(subscription.trialEnd, where) : none,
        },
        {
          // The stored value is the end of the last finalized period: the day before it was billed.
          term: 'Billed through',
          value: subscription.billedThrough
            ? formatLastDay(subscription.billedThrough, where)
            : none,
        },
      ]}
    />
  )
}
