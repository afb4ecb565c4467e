import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import CircularProgress from '@mui/material/CircularProgress'
import Paper from '@mui/material/Paper'
import Snackbar from '@mui/material/Snackbar'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useState, type FormEvent } from 'react'
import type { Settings, SettingsPatch } from '../../src-shared/domain/settings'
import { ApiError } from '../api'
import { ErrorAlert } from '../error-alert'
import { currencyName, currencyOptions, timeZoneOptions } from './options'
import { useUpdateSettings } from './queries'
import { SuggestField } from './suggest-field'

/** The text settings this form edits; billing settings have their own section. */
const fields = [
  'companyName',
  'companyAddress',
  'companyEmail',
  'taxId',
  'businessTimeZone',
  'defaultCurrency',
] as const satisfies readonly (keyof Settings)[]
type Field = (typeof fields)[number]
type FieldErrors = Partial<Record<Field, string>>

const isField = (key: string): key is Field => (fields as readonly string[]).includes(key)

const changes = (from: Settings, to: Settings): SettingsPatch => {
  const patch: SettingsPatch = {}
  for (const key of fields) if (from[key] !== to[key]) patch[key] = to[key]
  return patch
}

/** Field errors from a rejected save, when every one of them belongs to a field on this form. */
const formFieldErrors = (error: unknown): FieldErrors | undefined => {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed' || !error.fields) return
  const entries = Object.entries(error.fields)
  if (entries.length === 0 || !entries.every(([key]) => isField(key))) return
  return Object.fromEntries(entries)
}

const without = (errors: FieldErrors, key: Field): FieldErrors => {
  const rest = { ...errors }
  delete rest[key]
  return rest
}

/**
 * Edits a copy of the settings and sends only what changed. There is deliberately no client-side
 * validation: the server is the authority and its messages appear under the fields.
 */
export const SettingsForm = ({ settings }: { settings: Settings }) => {
  const update = useUpdateSettings()
  const [baseline, setBaseline] = useState(settings)
  const [draft, setDraft] = useState(settings)
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({})
  const [savedNotice, setSavedNotice] = useState(false)

  // A newer server copy (another window saved) replaces the form only when nothing is unsaved.
  const [seen, setSeen] = useState(settings)
  if (settings !== seen) {
    setSeen(settings)
    if (Object.keys(changes(baseline, draft)).length === 0) {
      setBaseline(settings)
      setDraft(settings)
    }
  }

  const patch = changes(baseline, draft)
  const dirty = Object.keys(patch).length > 0
  const otherError = update.error && !formFieldErrors(update.error) ? update.error : undefined

  const setField = (key: Field, value: string): void => {
    setDraft((current) => ({ ...current, [key]: value }))
    setFieldErrors((current) => without(current, key))
  }

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    if (!dirty || update.isPending) return
    const sent = draft
    update.mutate(patch, {
      onSuccess: (saved) => {
        setBaseline(saved)
        // Keep anything typed while the save was in flight; take the server's value elsewhere.
        setDraft((current) => {
          const next = { ...saved }
          for (const key of fields) if (current[key] !== sent[key]) next[key] = current[key]
          return next
        })
        setFieldErrors({})
        setSavedNotice(true)
      },
      onError: (error) => setFieldErrors(formFieldErrors(error) ?? {}),
    })
  }

  const text = (key: Field, label: string, extra?: { multiline?: boolean; type?: string }) => (
    <TextField
      name={key}
      label={label}
      value={draft[key]}
      onChange={(event) => setField(key, event.target.value)}
      error={Boolean(fieldErrors[key])}
      helperText={fieldErrors[key]}
      fullWidth
      {...(extra?.multiline ? { multiline: true, minRows: 3 } : {})}
      type={extra?.type}
    />
  )

  return (
    <Box component="form" noValidate onSubmit={submit} sx={{ maxWidth: 720 }}>
      <Stack spacing={2}>
        {otherError ? <ErrorAlert error={otherError} /> : null}
        <Paper variant="outlined" sx={{ p: 2.5 }}>
          <Typography variant="subtitle2" component="h2" sx={{ mb: 0.5 }}>
            Seller details
          </Typography>
          <Typography variant="body2" sx={{ color: 'text.secondary', mb: 2 }}>
            Printed on every invoice.
          </Typography>
          <Stack spacing={2}>
            {text('companyName', 'Company name')}
            {text('companyAddress', 'Company address', { multiline: true })}
            {text('companyEmail', 'Company email', { type: 'email' })}
            {text('taxId', 'Tax id')}
          </Stack>
        </Paper>
        <Paper variant="outlined" sx={{ p: 2.5 }}>
          <Typography variant="subtitle2" component="h2" sx={{ mb: 0.5 }}>
            Billing defaults
          </Typography>
          <Typography variant="body2" sx={{ color: 'text.secondary', mb: 2 }}>
            Billing periods close at midnight in the business time zone.
          </Typography>
          <Stack spacing={2}>
            <SuggestField
              name="businessTimeZone"
              label="Business time zone"
              value={draft.businessTimeZone}
              options={timeZoneOptions}
              onChange={(value) => setField('businessTimeZone', value)}
              error={fieldErrors.businessTimeZone}
            />
            <SuggestField
              name="defaultCurrency"
              label="Default currency"
              value={draft.defaultCurrency}
              options={currencyOptions}
              onChange={(value) => setField('defaultCurrency', value)}
              error={fieldErrors.defaultCurrency}
              describe={currencyName}
            />
          </Stack>
        </Paper>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
          {/* The name stays "Save" while pending so the button is the same one before and after. */}
          <Button
            type="submit"
            variant="contained"
            disabled={!dirty || update.isPending}
            startIcon={update.isPending ? <CircularProgress size={14} color="inherit" /> : null}
          >
            Save
          </Button>
          <Button
            variant="text"
            disabled={!dirty || update.isPending}
            onClick={() => {
              setDraft(baseline)
              setFieldErrors({})
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
          Settings saved
        </Alert>
      </Snackbar>
    </Box>
  )
}
