import Chip from '@mui/material/Chip'
import type { SubscriptionStatus } from '../../src-shared/domain/customers'

const looks: Record<
  SubscriptionStatus,
  { label: string; color: 'info' | 'success' | 'warning' | 'error' | 'default' }
> = {
  trialing: { label: 'Trialing', color: 'info' },
  active: { label: 'Active', color: 'success' },
  past_due: { label: 'Past due', color: 'warning' },
  suspended: { label: 'Suspended', color: 'error' },
  canceled: { label: 'Canceled', color: 'default' },
}

export const subscriptionStatusLabel = (status: SubscriptionStatus): string => looks[status].label

/** A subscription's status, the same chip in the list and on the customer's page. */
export const SubscriptionStatusChip = ({ status }: { status: SubscriptionStatus | null }) => {
  if (status === null) return <Chip label="No plan" variant="outlined" />
  const { label, color } = looks[status]
  return <Chip label={label} color={color} variant="outlined" />
}
