import MenuItem from '@mui/material/MenuItem'
import TextField from '@mui/material/TextField'
import { subscriptionStatuses, type SubscriptionStatus } from '../../src-shared/domain/customers'
import { usePlans } from '../catalog/queries'
import type { ListView } from './list-view'
import { subscriptionStatusLabel } from './status-chip'

type Props = { view: ListView; onChange: (view: ListView) => void }

/** Plan and status filters above the customer list; each change starts at the first page. */
export const CustomerFilters = ({ view, onChange }: Props) => {
  const plans = usePlans()
  return (
    <>
      <TextField
        select
        label="Plan"
        value={view.plan}
        onChange={(event) => onChange({ ...view, plan: event.target.value, page: 0 })}
        sx={{ width: 200 }}
      >
        <MenuItem value="">All plans</MenuItem>
        {(plans.data ?? []).map((plan) => (
          <MenuItem key={plan.id} value={plan.id}>
            {plan.name}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label="Status"
        value={view.status ?? ''}
        onChange={(event) => {
          const status = subscriptionStatuses.find((s) => s === event.target.value)
          onChange({ ...view, status: status ?? null, page: 0 })
        }}
        sx={{ width: 180 }}
      >
        <MenuItem value="">All statuses</MenuItem>
        {subscriptionStatuses.map((status: SubscriptionStatus) => (
          <MenuItem key={status} value={status}>
            {subscriptionStatusLabel(status)}
          </MenuItem>
        ))}
      </TextField>
    </>
  )
}
