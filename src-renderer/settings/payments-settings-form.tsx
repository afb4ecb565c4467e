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
import { ErrorAlert } from '../error-alert'
import {
  describeSeconds,
  paymentsDraftOf,
  paymentsDraftProblems,
  paymentsOf,
  serverPaths,
  type NumberField,
  type PaymentsDraft,
} from '../payments/settings-draft'
import { useUpdateSettings } from './queries'

const Block = ({ title, hint, children }: { title: string; hint: string; children: ReactNode }) => (
  <Paper variant="outlined" component="section" aria-label={title} sx={{ p: 2.5 }}>
    <Typography variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
      {title}
    </Typography>
    <Typography variant="body2" sx={{ color: 'text.secondary', mb: 2 }}>
      {hint}
    </Typography>
    {children}
  </Paper>
)

const fieldPaths = new Set(Object.values(serverPaths))

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/**
 * How the app sends to Stripe and retries what failed. Saved on its own as a partial patch (the
 * whole `payments` block), so it never overwrites the other forms' edits.
 */
export const PaymentsSettingsForm = ({ settings }: { settings: Settings }) => {
  const update = useUpdateSettings()
  const [baseline, setBaseline] = useState(settings.payments)
  const [draft, setDraft] = useState(() => paymentsDraftOf(settings.payments))
  const [savedNotice, setSavedNotice] = useState(false)

  const payments = paymentsOf(draft)
  const dirty = payments === undefined || !same(payments, baseline)

  // A newer server copy (another window saved) replaces the form only when nothing is unsaved.
  const [seen, setSeen] = useState(settings.payments)
  if (settings.payments !== seen) {
    setSeen(settings.payments)
    if (!dirty) {
      setBaseline(settings.payments)
      setDraft(paymentsDraftOf(settings.payments))
    }
  }

  const local = paymentsDraftProblems(draft)
  const server = update.error instanceof ApiError ? (update.error.fields ?? {}) : {}
  const errorAt = (path: string): string | undefined => local[path] ?? server[path]
  // Errors of the block as a whole (the delays' order) are shown beside the delays.
  const blockError = server['payments'] ?? server['payments.retry']
  const shownHere = (path: string): boolean =>
    fieldPaths.has(path) || path === 'payments' || path === 'payments.retry'

  const set = <K extends keyof PaymentsDraft>(key: K, value: PaymentsDraft[K]): void =>
    setDraft((current) => ({ ...current, [key]: value }))

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    if (!payments || !dirty || update.isPending) return
    update.mutate(
      { payments },
      {
        onSuccess: (saved) => {
          setBaseline(saved.payments)
          setDraft(paymentsDraftOf(saved.payments))
          setSavedNotice(true)
        },
      },
    )
  }

  const number = (field: NumberField, label: string, helper: string, width = 190) => {
    const error = errorAt(serverPaths[field])
    return (
      <TextField
        label={label}
        value={draft[field]}
        onChange={(event) => set(field, event.target.value)}
        error={Boolean(error)}
        helperText={error ?? helper}
        slotProps={{ htmlInput: { inputMode: 'numeric' } }}
        sx={{ width }}
      />
    )
  }
  const delay = (field: NumberField, label: string) =>
    number(field, label, describeSeconds(draft[field]) || 'In seconds', 200)

  return (
    <Box component="form" noValidate onSubmit={submit} sx={{ maxWidth: 720 }}>
      <Stack spacing={2}>
        {update.error && !Object.keys(server).every(shownHere) ? (
          <ErrorAlert error={update.error} />
        ) : null}
        <Block
          title="Collection"
          hint="While the app is open it sends the outbox, retries what is due and reads Stripe's events on these intervals."
        >
          <Stack spacing={2}>
            <FormControlLabel
              control={
                <Switch
                  checked={draft.autoCollect}
                  onChange={(event) => set('autoCollect', event.target.checked)}
                />
              }
              label="Push and collect invoices automatically when they are finalized"
            />
            <Stack direction="row" useFlexGap sx={{ gap: 2, flexWrap: 'wrap' }}>
              {number('processEveryMinutes', 'Send every (minutes)', '1 to 1440')}
              {number('syncEveryMinutes', 'Sync events every (minutes)', '1 to 1440')}
              {number(
                'alertThreshold',
                'Alert threshold',
                'Unresolved failures that turn the badge red',
              )}
            </Stack>
          </Stack>
        </Block>
        <Block
          title="Retries"
          hint="Attempts before a failure waits for a person, per strategy, and the delays between them. Declines and expired cards always wait for a person."
        >
          <Stack spacing={2}>
            <Stack direction="row" useFlexGap sx={{ gap: 2, flexWrap: 'wrap' }}>
              {number('maxExponential', 'Max attempts, backoff', '1 to 50', 180)}
              {number('maxImmediate', 'Max attempts, immediate', '1 to 50', 180)}
              {number('maxFixed', 'Max attempts, fixed interval', '1 to 50', 180)}
            </Stack>
            <Stack direction="row" useFlexGap sx={{ gap: 2, flexWrap: 'wrap' }}>
              {delay('baseDelaySeconds', 'First delay (seconds)')}
              {delay('maxDelaySeconds', 'Longest delay (seconds)')}
              {delay('fixedIntervalSeconds', 'Fixed interval (seconds)')}
            </Stack>
            {blockError ? (
              <Typography variant="body2" color="error">
                {blockError}
              </Typography>
            ) : null}
          </Stack>
        </Block>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
          <Button
            type="submit"
            variant="contained"
            disabled={!dirty || payments === undefined || update.isPending}
            startIcon={update.isPending ? <CircularProgress size={14} color="inherit" /> : null}
          >
            Update payment settings
          </Button>
          <Button
            variant="text"
            disabled={!dirty || update.isPending}
            onClick={() => {
              setDraft(paymentsDraftOf(baseline))
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
          Payment settings saved
        </Alert>
      </Snackbar>
    </Box>
  )
}
