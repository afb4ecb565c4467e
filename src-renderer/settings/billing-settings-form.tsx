import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import CircularProgress from '@mui/material/CircularProgress'
import FormControlLabel from '@mui/material/FormControlLabel'
import Paper from '@mui/material/Paper'
import Snackbar from '@mui/material/Snackbar'
import Stack from '@mui/material/Stack'
import Switch from '@mui/material/Switch'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useState, type FormEvent, type ReactNode } from 'react'
import type { Settings } from '../../src-shared/domain/settings'
import { ApiError } from '../api'
import { useSchedule } from '../billing-runs/queries'
import { ErrorAlert } from '../error-alert'
import { formatDateTime } from '../format'
import { billingDraftOf, billingPatch, draftProblems, type BillingDraft } from './billing-form'
import { useUpdateSettings } from './queries'
import { TaxRatesTable } from './tax-rates-table'

/** An instant as read in the business time zone, e.g. "Dec 1, 2026, 02:00". */
const inZone = (iso: string, timeZone: string): string => {
  try {
    return new Intl.DateTimeFormat(undefined, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    }).format(new Date(iso))
  } catch {
    return formatDateTime(iso)
  }
}

/** Field errors this form shows under a field; any other keeps the whole error on screen. */
const shownUnderField = (path: string): boolean =>
  /^(taxRates(\[\d+\]\.(region|name|ratePercent))?|billingSchedule(\.(dayOfMonth|time))?|draftGraceDays|paymentTermsDays|invoicePrefix|creditNotePrefix)$/.test(
    path,
  )

const NextRun = ({ timeZone }: { timeZone: string }) => {
  const schedule = useSchedule()
  if (!schedule.data) return null
  const { enabled, next } = schedule.data
  return (
    <Typography variant="body2" data-testid="schedule-next" aria-live="polite">
      {enabled && next
        ? `Next run: ${inZone(next, timeZone)} (${timeZone}); ${formatDateTime(next)} on this computer.`
        : 'The schedule is off.'}
    </Typography>
  )
}

const Block = ({ title, hint, children }: { title: string; hint: string; children: ReactNode }) => (
  <Paper variant="outlined" component="section" aria-label={title} sx={{ p: 2.5 }}>
    <Typography variant="subtitle2" component="h2" sx={{ mb: 0.5 }}>
      {title}
    </Typography>
    <Typography variant="body2" sx={{ color: 'text.secondary', mb: 2 }}>
      {hint}
    </Typography>
    {children}
  </Paper>
)

/**
 * The billing settings: tax rates, the schedule, grace and payment terms, numbering. Saved on
 * their own as a partial patch, so this form never overwrites the seller details' edits.
 */
export const BillingSettingsForm = ({ settings }: { settings: Settings }) => {
  const update = useUpdateSettings()
  const [baseline, setBaseline] = useState(settings)
  const [draft, setDraft] = useState(() => billingDraftOf(settings))
  const [savedNotice, setSavedNotice] = useState(false)

  const patch = billingPatch(baseline, draft)
  const local = draftProblems(draft)
  const dirty = patch === undefined || Object.keys(patch).length > 0

  // A newer server copy (another window saved) replaces the form only when nothing is unsaved.
  const [seen, setSeen] = useState(settings)
  if (settings !== seen) {
    setSeen(settings)
    if (!dirty) {
      setBaseline(settings)
      setDraft(billingDraftOf(settings))
    }
  }

  const server = update.error instanceof ApiError ? (update.error.fields ?? {}) : {}
  const errorAt = (path: string): string | undefined => local[path] ?? server[path]
  const set = <K extends keyof BillingDraft>(key: K, value: BillingDraft[K]): void =>
    setDraft((current) => ({ ...current, [key]: value }))

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    if (!patch || Object.keys(patch).length === 0 || update.isPending) return
    update.mutate(patch, {
      onSuccess: (saved) => {
        setBaseline(saved)
        setDraft(billingDraftOf(saved))
        setSavedNotice(true)
      },
    })
  }

  const number = (key: 'draftGraceDays' | 'paymentTermsDays', label: string, helper: string) => (
    <TextField
      label={label}
      value={draft[key]}
      onChange={(event) => set(key, event.target.value)}
      error={Boolean(errorAt(key))}
      helperText={errorAt(key) ?? helper}
      slotProps={{ htmlInput: { inputMode: 'numeric' } }}
      sx={{ width: 200 }}
    />
  )
  const prefix = (key: 'invoicePrefix' | 'creditNotePrefix', label: string, example: string) => (
    <TextField
      label={label}
      value={draft[key]}
      onChange={(event) => set(key, event.target.value.toUpperCase())}
      error={Boolean(errorAt(key))}
      helperText={errorAt(key) ?? `Numbers read ${draft[key] || example}-YYYY-000123`}
      sx={{ width: 200 }}
    />
  )

  return (
    <Box component="form" noValidate onSubmit={submit} sx={{ maxWidth: 720 }}>
      <Stack spacing={2}>
        <Typography variant="h6" component="h2">
          Billing
        </Typography>
        {update.error && !Object.keys(server).every(shownUnderField) ? (
          <ErrorAlert error={update.error} />
        ) : null}
        <Block
          title="Tax rates"
          hint="The customer's tax region picks the rate; exempt customers pay none."
        >
          <TaxRatesTable
            rates={draft.taxRates}
            onChange={(rates) => set('taxRates', rates)}
            errorAt={errorAt}
          />
        </Block>
        <Block
          title="Billing schedule"
          hint={`Billing runs by itself while the app is open, in the business time zone (${settings.businessTimeZone}). A run missed while the app was closed happens at the next start.`}
        >
          <Stack spacing={2}>
            <FormControlLabel
              control={
                <Switch
                  checked={draft.scheduleEnabled}
                  onChange={(event) => set('scheduleEnabled', event.target.checked)}
                />
              }
              label="Run billing on a schedule"
            />
            <Stack direction="row" spacing={2}>
              <TextField
                label="Day of month"
                value={draft.dayOfMonth}
                onChange={(event) => set('dayOfMonth', event.target.value)}
                error={Boolean(errorAt('billingSchedule.dayOfMonth'))}
                helperText={errorAt('billingSchedule.dayOfMonth') ?? '1 to 28'}
                slotProps={{ htmlInput: { inputMode: 'numeric' } }}
                sx={{ width: 160 }}
              />
              <TextField
                type="time"
                label="Time"
                value={draft.time}
                onChange={(event) => set('time', event.target.value)}
                error={Boolean(errorAt('billingSchedule.time'))}
                helperText={errorAt('billingSchedule.time') ?? settings.businessTimeZone}
                slotProps={{ inputLabel: { shrink: true } }}
                sx={{ width: 160 }}
              />
            </Stack>
            {errorAt('billingSchedule') ? (
              <Typography variant="body2" color="error">
                {errorAt('billingSchedule')}
              </Typography>
            ) : null}
            <NextRun timeZone={settings.businessTimeZone} />
          </Stack>
        </Block>
        <Block
          title="Terms and numbering"
          hint="How long drafts wait, when invoices are due, and how they are numbered."
        >
          <Stack direction="row" useFlexGap sx={{ gap: 2, flexWrap: 'wrap' }}>
            {number('draftGraceDays', 'Draft grace days', 'Before a draft is finalized by itself')}
            {number('paymentTermsDays', 'Payment terms days', 'From finalization to due date')}
            {prefix('invoicePrefix', 'Invoice prefix', 'MB')}
            {prefix('creditNotePrefix', 'Credit note prefix', 'CN')}
          </Stack>
        </Block>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
          <Button
            type="submit"
            variant="contained"
            disabled={!dirty || patch === undefined || update.isPending}
            startIcon={update.isPending ? <CircularProgress size={14} color="inherit" /> : null}
          >
            Update billing settings
          </Button>
          <Button
            variant="text"
            disabled={!dirty || update.isPending}
            onClick={() => {
              setDraft(billingDraftOf(baseline))
              update.reset()
            }}
          >
            Discard changes
          </Button>
        </Stack>
      </Stack>
      <Snackbar
        open={savedNotice}
        autoHideDuration={4000}
        onClose={(_event, reason) => {
          if (reason !== 'clickaway') setSavedNotice(false)
        }}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert severity="success" variant="filled" onClose={() => setSavedNotice(false)}>
          Billing settings saved
        </Alert>
      </Snackbar>
    </Box>
  )
}
