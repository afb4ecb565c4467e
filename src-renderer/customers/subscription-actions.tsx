import Button from '@mui/material/Button'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import { useState } from 'react'
import type { TransitionInput } from '../../src-shared/domain/billing'
import type { Customer } from '../../src-shared/domain/customers'
import { ConfirmDialog } from '../invoices/confirm-dialog'
import { useSubscriptionAction } from './billing-queries'
import { ChangePlanDialog } from './change-plan-dialog'
import { useCan } from '../session/queries'

type Dialog = 'change-plan' | 'cancel-period-end' | 'cancel-now' | 'transition' | null
type Target = TransitionInput['to']

const targetLabels: Record<Target, string> = {
  active: 'Active',
  past_due: 'Past due',
  suspended: 'Suspended',
}

const CancelDialog = ({
  customer,
  when,
  onClose,
}: {
  customer: Customer
  when: 'period_end' | 'immediately'
  onClose: () => void
}) => {
  const cancel = useSubscriptionAction('subscriptions:cancel')
  return (
    <ConfirmDialog
      title={when === 'immediately' ? 'Cancel now?' : 'Cancel at the end of the period?'}
      message={
        when === 'immediately'
          ? `${customer.name}'s subscription ends now; the unused base fee is credited on a final invoice.`
          : `${customer.name}'s subscription runs to the end of the current period and is not renewed.`
      }
      confirmLabel={when === 'immediately' ? 'Cancel now' : 'Cancel at period end'}
      destructive
      reason={{ label: 'Reason (optional)', field: 'reason', required: false }}
      pending={cancel.isPending}
      error={cancel.error}
      onConfirm={(reason) =>
        cancel.mutate({ externalId: customer.externalId, when, reason }, { onSuccess: onClose })
      }
      onClose={onClose}
    />
  )
}

const TransitionDialog = ({ customer, onClose }: { customer: Customer; onClose: () => void }) => {
  const transition = useSubscriptionAction('subscriptions:transition')
  const [to, setTo] = useState<Target>('active')
  return (
    <ConfirmDialog
      title="Change the subscription's status"
      message={
        <TextField
          select
          fullWidth
          label="New status"
          value={to}
          onChange={(event) => {
            const next = event.target.value
            setTo(next === 'past_due' || next === 'suspended' ? next : 'active')
          }}
          sx={{ mt: 1 }}
        >
          {(Object.keys(targetLabels) as Target[]).map((target) => (
            <MenuItem key={target} value={target}>
              {targetLabels[target]}
            </MenuItem>
          ))}
        </TextField>
      }
      confirmLabel="Change status"
      reason={{ label: 'Reason', field: 'reason', required: true }}
      pending={transition.isPending}
      error={transition.error}
      onConfirm={(reason) =>
        transition.mutate({ externalId: customer.externalId, to, reason }, { onSuccess: onClose })
      }
      onClose={onClose}
    />
  )
}

/** What can be done to a customer's subscription: change plan, cancel, or move its status. */
export const SubscriptionActions = ({ customer }: { customer: Customer }) => {
  const [open, setOpen] = useState<Dialog>(null)
  const can = useCan()
  const subscription = customer.subscription
  // Every action here is finance work (subscriptions:change-plan, :transition and :cancel).
  if (!subscription || !can('subscriptions:transition')) return null
  const canceled = subscription.status === 'canceled'
  const close = (): void => setOpen(null)
  return (
    <>
      <Stack direction="row" useFlexGap sx={{ gap: 1, flexWrap: 'wrap', mt: 2 }}>
        <Button variant="outlined" onClick={() => setOpen('change-plan')} disabled={canceled}>
          Change plan
        </Button>
        <Button variant="outlined" onClick={() => setOpen('transition')}>
          Change status
        </Button>
        <Button
          variant="outlined"
          color="error"
          onClick={() => setOpen('cancel-period-end')}
          disabled={canceled}
        >
          Cancel at period end
        </Button>
        <Button
          variant="outlined"
          color="error"
          onClick={() => setOpen('cancel-now')}
          disabled={canceled}
        >
          Cancel now
        </Button>
      </Stack>
      {open === 'change-plan' ? <ChangePlanDialog customer={customer} onClose={close} /> : null}
      {open === 'transition' ? <TransitionDialog customer={customer} onClose={close} /> : null}
      {open === 'cancel-period-end' ? (
        <CancelDialog customer={customer} when="period_end" onClose={close} />
      ) : null}
      {open === 'cancel-now' ? (
        <CancelDialog customer={customer} when="immediately" onClose={close} />
      ) : null}
    </>
  )
}
