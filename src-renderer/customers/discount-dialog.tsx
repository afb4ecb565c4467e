import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import { useState, type SyntheticEvent } from 'react'
import type { Discount } from '../../src-shared/domain/billing'
import { parseMajor } from '../../src-shared/money'
import { ApiError } from '../api'
import { lastMonth } from '../billing-runs/period'
import { ErrorAlert } from '../error-alert'
import { useBusinessZone } from '../invoices/period-format'
import { useCreateDiscount } from './billing-queries'

type Props = { externalId: string; currency: string; onClose: () => void }

/** The month after last month: the period now running, the usual first one a discount affects. */
const currentMonth = (timeZone: string): string => {
  const [year = 0, month = 1] = lastMonth(timeZone).split('-').map(Number)
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`
}

/**
 * A percent or fixed discount for once, a number of periods, or forever. A fixed amount is typed
 * in major units and sent as minor units (exactly, via parseMajor), as the contract expects.
 */
export const DiscountDialog = ({ externalId, currency, onClose }: Props) => {
  const create = useCreateDiscount()
  const [description, setDescription] = useState('')
  const [kind, setKind] = useState<Discount['kind']>('percent')
  const [value, setValue] = useState('')
  const [duration, setDuration] = useState<Discount['duration']>('once')
  const [periods, setPeriods] = useState('3')
  const zone = useBusinessZone()
  const [startsWith, setStartsWith] = useState(() => currentMonth(zone))
  const fields = create.error instanceof ApiError ? (create.error.fields ?? {}) : {}

  const fixedMinor = kind === 'fixed' ? parseMajor(value, currency) : undefined
  const valueProblem =
    value.trim() === ''
      ? undefined
      : kind === 'fixed' && fixedMinor === undefined
        ? `An amount in ${currency} such as 10.00`
        : kind === 'percent' && !/^\d+(\.\d+)?$/.test(value.trim())
          ? 'A percentage such as 10 or 12.5'
          : undefined
  const sentValue =
    kind === 'fixed' ? (fixedMinor === undefined ? '' : String(fixedMinor)) : value.trim()
  const periodCount = /^\d+$/.test(periods) ? Number(periods) : null
  const ready =
    description.trim() !== '' &&
    sentValue !== '' &&
    !valueProblem &&
    (duration !== 'repeating' || periodCount !== null)

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault()
    event.stopPropagation()
    if (!ready || create.isPending) return
    create.mutate(
      {
        externalId,
        description: description.trim(),
        kind,
        value: sentValue,
        duration,
        periods: duration === 'repeating' ? periodCount : null,
        startsWith,
      },
      { onSuccess: onClose },
    )
  }

  return (
    <Dialog
      open
      onClose={create.isPending ? undefined : onClose}
      maxWidth="sm"
      fullWidth
      slotProps={{ paper: { component: 'form', onSubmit: submit } }}
    >
      <DialogTitle>New discount</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {create.error ? <ErrorAlert error={create.error} /> : null}
          <TextField
            autoFocus
            required
            label="Description"
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            error={Boolean(fields['description'])}
            helperText={fields['description'] ?? 'Printed on the invoice'}
          />
          <Stack direction="row" spacing={2}>
            <TextField
              select
              label="Kind"
              value={kind}
              onChange={(event) => setKind(event.target.value === 'fixed' ? 'fixed' : 'percent')}
              sx={{ width: 200 }}
            >
              <MenuItem value="percent">Percent</MenuItem>
              <MenuItem value="fixed">Fixed amount</MenuItem>
            </TextField>
            <TextField
              required
              label={kind === 'percent' ? 'Percent' : `Amount (${currency})`}
              value={value}
              onChange={(event) => setValue(event.target.value)}
              error={Boolean(valueProblem ?? fields['value'])}
              helperText={valueProblem ?? fields['value']}
              slotProps={{ htmlInput: { inputMode: 'decimal' } }}
            />
          </Stack>
          <Stack direction="row" spacing={2}>
            <TextField
              select
              label="Duration"
              value={duration}
              onChange={(event) => {
                const next = event.target.value
                setDuration(next === 'repeating' || next === 'forever' ? next : 'once')
              }}
              sx={{ width: 200 }}
            >
              <MenuItem value="once">Once</MenuItem>
              <MenuItem value="repeating">For a number of periods</MenuItem>
              <MenuItem value="forever">Forever</MenuItem>
            </TextField>
            {duration === 'repeating' ? (
              <TextField
                required
                label="Periods"
                value={periods}
                onChange={(event) => setPeriods(event.target.value)}
                error={periodCount === null || Boolean(fields['periods'])}
                helperText={fields['periods'] ?? (periodCount === null ? 'A whole number' : ' ')}
                slotProps={{ htmlInput: { inputMode: 'numeric' } }}
                sx={{ width: 120 }}
              />
            ) : null}
            <TextField
              type="month"
              label="First period"
              value={startsWith}
              onChange={(event) => setStartsWith(event.target.value)}
              error={Boolean(fields['startsWith'])}
              helperText={fields['startsWith']}
              slotProps={{ inputLabel: { shrink: true } }}
            />
          </Stack>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={create.isPending}>
          Cancel
        </Button>
        <Button type="submit" variant="contained" disabled={!ready || create.isPending}>
          Create discount
        </Button>
      </DialogActions>
    </Dialog>
  )
}
