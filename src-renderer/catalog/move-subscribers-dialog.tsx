import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogContentText from '@mui/material/DialogContentText'
import DialogTitle from '@mui/material/DialogTitle'
import FormControlLabel from '@mui/material/FormControlLabel'
import LinearProgress from '@mui/material/LinearProgress'
import MenuItem from '@mui/material/MenuItem'
import Radio from '@mui/material/Radio'
import RadioGroup from '@mui/material/RadioGroup'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import { useState, type SyntheticEvent } from 'react'
import type { Plan } from '../../src-shared/domain/catalog'
import type { MoveResult, MoveSubscribersInput } from '../../src-shared/domain/plan-moves'
import { ErrorAlert } from '../error-alert'
import { todayIso } from './catalog-format'
import { useMovePreview, useMoveSubscribers } from './move-queries'
import { MovePreviewTable } from './move-preview-table'
import { formatDate } from '../format'

type Props = {
  plan: Plan
  onClose: () => void
  onMoved: (result: MoveResult) => void
}

/**
 * Moves a plan's subscribers from one published version to another from a date: pick the
 * versions, the date and who moves; the preview re-prices each one's last billed period under
 * both versions before anything is confirmed.
 */
export const MoveSubscribersDialog = ({ plan, onClose, onMoved }: Props) => {
  const published = plan.versions.filter((v) => v.status === 'published')
  const [toVersion, setToVersion] = useState(published[0]?.version ?? 1)
  const [fromVersion, setFromVersion] = useState(published[1]?.version ?? 1)
  const [effectiveFrom, setEffectiveFrom] = useState(todayIso)
  const [scope, setScope] = useState<'all' | 'chosen'>('all')
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set())
  const apply = useMoveSubscribers()

  const base: MoveSubscribersInput | null =
    effectiveFrom !== '' && fromVersion !== toVersion
      ? { planId: plan.id, fromVersion, toVersion, effectiveFrom }
      : null
  const picked = [...chosen].sort()
  const input: MoveSubscribersInput | null =
    base && scope === 'chosen' ? (picked.length > 0 ? { ...base, customers: picked } : null) : base
  const all = useMovePreview(base)
  const effective = useMovePreview(scope === 'chosen' ? input : null)
  const preview = scope === 'all' ? all.data : effective.data
  const count = scope === 'all' ? (all.data?.rows.length ?? 0) : picked.length
  const refused = preview?.rows.some((row) => row.refusal !== null) ?? false

  const toggle = (externalId: string) => {
    const next = new Set(chosen)
    if (next.has(externalId)) next.delete(externalId)
    else next.add(externalId)
    setChosen(next)
    apply.reset()
  }
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault()
    event.stopPropagation()
    if (!input || apply.isPending) return
    // The promise, not a per-call callback: success closes (unmounts) this dialog.
    void apply.mutateAsync(input).then(onMoved, () => undefined)
  }
  const versionField = (label: string, value: number, set: (v: number) => void) => (
    <TextField
      select
      label={label}
      value={value}
      onChange={(event) => {
        set(Number(event.target.value))
        apply.reset()
      }}
      sx={{ minWidth: 140 }}
    >
      {published.map((v) => (
        <MenuItem key={v.version} value={v.version}>
          Version {v.version}
          {v.effectiveFrom ? ` (from ${formatDate(v.effectiveFrom)})` : ''}
        </MenuItem>
      ))}
    </TextField>
  )

  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="md"
      fullWidth
      slotProps={{ paper: { component: 'form', onSubmit: submit } }}
    >
      <DialogTitle>Move subscribers of {plan.name}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <DialogContentText>
            From the date, the subscribers chosen are billed on the new version. A date inside a
            period prorates it: the old fee is credited for the unused days and the new fee charged
            for its days. A date inside an invoiced (finalized) period is refused.
          </DialogContentText>
          <Stack direction="row" spacing={2}>
            {versionField('From version', fromVersion, setFromVersion)}
            {versionField('To version', toVersion, setToVersion)}
            <TextField
              type="date"
              label="Effective from"
              value={effectiveFrom}
              onChange={(event) => {
                setEffectiveFrom(event.target.value)
                apply.reset()
              }}
              slotProps={{ inputLabel: { shrink: true } }}
            />
          </Stack>
          <RadioGroup
            row
            value={scope}
            onChange={(event) => {
              setScope(event.target.value === 'chosen' ? 'chosen' : 'all')
              apply.reset()
            }}
          >
            <FormControlLabel value="all" control={<Radio />} label="All subscribers" />
            <FormControlLabel value="chosen" control={<Radio />} label="Chosen customers" />
          </RadioGroup>
          {fromVersion === toVersion ? (
            <Alert severity="info">Pick two different versions.</Alert>
          ) : null}
          {all.isFetching || effective.isFetching ? <LinearProgress /> : null}
          {all.error ? <ErrorAlert error={all.error} /> : null}
          {apply.error ? <ErrorAlert error={apply.error} /> : null}
          {all.data && base ? (
            all.data.rows.length === 0 ? (
              <Alert severity="info">
                Nobody is on version {fromVersion} of {plan.name}.
              </Alert>
            ) : (
              <MovePreviewTable
                all={all.data}
                totals={preview?.totals ?? []}
                chosen={scope === 'chosen' ? chosen : null}
                onToggle={toggle}
              />
            )
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          type="submit"
          variant="contained"
          disabled={
            !input ||
            !preview ||
            all.isFetching ||
            effective.isFetching ||
            count === 0 ||
            refused ||
            apply.isPending
          }
        >
          Move {count} subscriber{count === 1 ? '' : 's'}
        </Button>
      </DialogActions>
    </Dialog>
  )
}
