import Alert from '@mui/material/Alert'
import AlertTitle from '@mui/material/AlertTitle'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import CircularProgress from '@mui/material/CircularProgress'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useState, type FormEvent } from 'react'
import { StripeKeySchema } from '../../src-shared/domain/payments'
import { ApiError } from '../api'
import { ErrorAlert } from '../error-alert'
import { ConfirmDialog } from '../invoices/confirm-dialog'
import { keySourceLabels } from '../payments/connection-card'
import { useClearKey, usePaymentsStatus, useSetKey, useTestConnection } from '../payments/queries'

/** Why a typed key cannot be saved, before anything is sent. */
const keyProblem = (key: string): string | undefined => {
  const parsed = StripeKeySchema.safeParse(key)
  return parsed.success ? undefined : parsed.error.issues[0]?.message
}

/**
 * The Stripe key: typed here, sent to main once and never shown back (only its kind and last
 * characters). Stored encrypted by the operating system where the host can.
 */
export const StripeKeyForm = () => {
  const status = usePaymentsStatus()
  const setKey = useSetKey()
  const clearKey = useClearKey()
  const test = useTestConnection()
  const [key, setKeyText] = useState('')
  const [tried, setTried] = useState(false)
  const [removing, setRemoving] = useState(false)
  const [saved, setSaved] = useState(false)

  const typed = key.trim()
  const local = typed ? keyProblem(typed) : undefined
  const server = setKey.error instanceof ApiError ? setKey.error.fields?.['key'] : undefined
  const fieldError = (tried ? local : undefined) ?? server
  const current = status.data
  const removable = current?.keySource === 'stored' || current?.keySource === 'session'

  const save = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    setTried(true)
    if (!typed || local || setKey.isPending) return
    test.reset()
    setKey.mutate(typed, {
      onSuccess: () => {
        // The key is main's now; it is never kept or shown here again.
        setKeyText('')
        setTried(false)
        setSaved(true)
      },
    })
  }

  return (
    <Paper variant="outlined" component="section" aria-label="Stripe key" sx={{ p: 2.5 }}>
      <Typography variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
        Stripe key
      </Typography>
      <Typography variant="body2" sx={{ color: 'text.secondary', mb: 2 }}>
        A secret key (sk_…) or a restricted key (rk_…) of your Stripe account. It never leaves this
        computer&apos;s main process and is not shown again once saved.
      </Typography>
      {status.isError ? <ErrorAlert error={status.error} /> : null}
      {current ? (
        <Stack spacing={1} sx={{ mb: 2 }}>
          <Typography variant="body2" data-testid="stripe-key-status">
            {current.configured && current.keyHint
              ? `Current key: ${current.keyHint}${current.keySource ? `, ${keySourceLabels[current.keySource]}` : ''}.`
              : 'No key is configured.'}
          </Typography>
          {!current.canStoreKey ? (
            <Alert severity="info" variant="outlined">
              This host cannot store the key encrypted: a key saved here is kept for this session
              only. Set the METERBOOK_STRIPE_KEY environment variable to keep it across starts.
            </Alert>
          ) : null}
        </Stack>
      ) : null}
      <Box component="form" noValidate onSubmit={save} autoComplete="off">
        <Stack spacing={2}>
          {setKey.error && !server ? <ErrorAlert error={setKey.error} /> : null}
          {clearKey.error ? <ErrorAlert error={clearKey.error} /> : null}
          <TextField
            type="password"
            label="Stripe secret key"
            value={key}
            onChange={(event) => {
              setKeyText(event.target.value)
              setSaved(false)
            }}
            error={Boolean(fieldError)}
            helperText={
              fieldError ??
              (current?.configured
                ? 'Type a new key to replace the current one'
                : 'e.g. sk_test_… or rk_live_…')
            }
            slotProps={{ htmlInput: { autoComplete: 'new-password', spellCheck: false } }}
            sx={{ maxWidth: 480 }}
          />
          <Stack
            direction="row"
            useFlexGap
            sx={{ gap: 1.5, flexWrap: 'wrap', alignItems: 'center' }}
          >
            <Button
              type="submit"
              variant="contained"
              disabled={!typed || setKey.isPending}
              startIcon={setKey.isPending ? <CircularProgress size={14} color="inherit" /> : null}
            >
              Set key
            </Button>
            <Button
              variant="outlined"
              disabled={
                test.isPending || (!typed && !current?.configured) || (tried && Boolean(local))
              }
              startIcon={test.isPending ? <CircularProgress size={14} color="inherit" /> : null}
              onClick={() => {
                if (typed && local) {
                  setTried(true)
                  return
                }
                test.mutate(typed || undefined)
              }}
            >
              Test connection
            </Button>
            <Button
              color="error"
              disabled={!removable || clearKey.isPending}
              onClick={() => setRemoving(true)}
            >
              Remove key
            </Button>
          </Stack>
          {saved ? (
            <Alert severity="success" role="status" onClose={() => setSaved(false)}>
              Stripe key set
            </Alert>
          ) : null}
          {test.data ? (
            <Alert
              severity={test.data.ok ? 'success' : 'error'}
              role="status"
              aria-label="Connection test"
              onClose={() => test.reset()}
            >
              <AlertTitle>
                {test.data.ok ? 'The connection works' : 'The connection failed'}
              </AlertTitle>
              {test.data.message}
            </Alert>
          ) : null}
          {test.error ? <ErrorAlert error={test.error} /> : null}
        </Stack>
      </Box>
      {removing ? (
        <ConfirmDialog
          title="Remove the Stripe key?"
          message="Nothing is sent to Stripe until a key is set again; queued work waits in the outbox."
          confirmLabel="Remove key"
          destructive
          pending={clearKey.isPending}
          error={clearKey.error}
          onConfirm={() => clearKey.mutate(undefined, { onSuccess: () => setRemoving(false) })}
          onClose={() => setRemoving(false)}
        />
      ) : null}
    </Paper>
  )
}
