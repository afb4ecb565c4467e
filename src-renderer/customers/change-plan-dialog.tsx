import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogContentText from '@mui/material/DialogContentText'
import DialogTitle from '@mui/material/DialogTitle'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import { useState, type SyntheticEvent } from 'react'
import type { Customer } from '../../src-shared/domain/customers'
import { ApiError } from '../api'
import { usePlans } from '../catalog/queries'
import { ErrorAlert } from '../error-alert'
import { useSubscriptionAction } from './billing-queries'
import { useSubscribedPlan } from './queries'

type Props = { customer: Customer; onClose: () => void }

/** `datetime-local` text (the operator's zone) as an ISO instant with offset, or undefined. */
const toInstant = (local: string): string | undefined => {
  if (!local) return undefined
  const date = new Date(local)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

/**
 * Moves the subscription to another plan or version. Main prorates by days: the unused part of
 * the old base fee is credited and the new plan's charged on the next invoice.
 */
export const ChangePlanDialog = ({ customer, onClose }: Props) => {
  const change = useSubscriptionAction('subscriptions:change-plan')
  const plans = usePlans()
  const [planId, setPlanId] = useState(customer.subscription?.planId ?? '')
  const [version, setVersion] = useState<number | 'current'>('current')
  const [effective, setEffective] = useState('')
  const plan = useSubscribedPlan(planId || undefined)
  const published = (plan.data?.versions ?? []).filter((v) => v.status === 'published')
  const fields = change.error instanceof ApiError ? (change.error.fields ?? {}) : {}
  const effectiveAt = toInstant(effective)

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault()
    event.stopPropagation()
    if (!planId || change.isPending) return
    change.mutate(
      {
        externalId: customer.externalId,
        planId,
        ...(version === 'current' ? {} : { planVersion: version }),
        ...(effectiveAt ? { effectiveAt } : {}),
      },
      { onSuccess: onClose },
    )
  }

  return (
    <Dialog
      open
      onClose={change.isPending ? undefined : onClose}
      maxWidth="sm"
      fullWidth
      slotProps={{ paper: { component: 'form', onSubmit: submit } }}
    >
      <DialogTitle>Change plan</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText>
            The current period is split on the change date: the unused part of the old base fee is
            credited and the new plan&apos;s charged, by days.
          </DialogContentText>
          {change.error ? <ErrorAlert error={change.error} /> : null}
          {plans.isError ? <ErrorAlert error={plans.error} /> : null}
          <TextField
            select
            required
            label="Plan"
            value={plans.data ? planId : ''}
            onChange={(event) => {
              setPlanId(event.target.value)
              setVersion('current')
            }}
            error={Boolean(fields['planId'])}
            helperText={fields['planId']}
          >
            {(plans.data ?? [])
              .filter((summary) => summary.current !== null)
              .map((summary) => (
                <MenuItem key={summary.id} value={summary.id}>
                  {summary.name} ({summary.id})
                </MenuItem>
              ))}
          </TextField>
          <TextField
            select
            label="Version"
            value={version}
            onChange={(event) =>
              setVersion(event.target.value === 'current' ? 'current' : Number(event.target.value))
            }
            error={Boolean(fields['planVersion'])}
            helperText={fields['planVersion'] ?? 'The version in effect on the change date'}
          >
            <MenuItem value="current">In effect on the change date</MenuItem>
            {published.map((v) => (
              <MenuItem key={v.version} value={v.version}>
                Version {v.version} (from {v.effectiveFrom ?? '—'})
              </MenuItem>
            ))}
          </TextField>
          <TextField
            type="datetime-local"
            label="Effective (optional, default now)"
            value={effective}
            onChange={(event) => setEffective(event.target.value)}
            error={Boolean(fields['effectiveAt'])}
            helperText={fields['effectiveAt'] ?? "In this computer's time zone"}
            slotProps={{ inputLabel: { shrink: true } }}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={change.isPending}>
          Cancel
        </Button>
        <Button type="submit" variant="contained" disabled={!planId || change.isPending}>
          Change plan
        </Button>
      </DialogActions>
    </Dialog>
  )
}
