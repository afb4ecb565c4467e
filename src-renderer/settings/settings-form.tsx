import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import CircularProgress from '@mui/material/CircularProgress'
import Paper from '@mui/material/Paper'
import Snackbar from '@mui/material/Snackbar'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useEffect, useState } from 'react'
import { useForm } from 'react-hook-form'
import type { Settings } from '../../src-shared/domain/settings'
import { ErrorAlert } from '../error-alert'
import { contractResolver } from '../form/contract-resolver'
import { useServerErrors } from '../form/use-server-errors'
import { BillingSections } from './billing-sections'
import { CompanySections } from './company-sections'
import { MailSections } from './mail-sections'
import { PaymentsSections } from './payments-sections'
import { useUpdateSettings } from './queries'
import {
  EditedSettingsSchema,
  changedSettings,
  placeSettingsError,
  settingsFormOf,
  settingsInputOf,
  settingsProblems,
  type EditedSettings,
  type SettingsForm as Values,
} from './settings-values'

const resolver = contractResolver(EditedSettingsSchema, settingsInputOf, {
  problems: settingsProblems,
})

/**
 * The company, billing and payments settings as one form with one Save. It sends only what
 * changed, validated by the contract's own schema first; what the server still refuses shows
 * under its field.
 */
export const SettingsForm = ({ settings }: { settings: Settings }) => {
  const update = useUpdateSettings()
  const [savedNotice, setSavedNotice] = useState(false)
  const { control, handleSubmit, setError, reset, formState } = useForm<
    Values,
    unknown,
    EditedSettings
  >({ defaultValues: settingsFormOf(settings), resolver })
  const server = useServerErrors(setError, placeSettingsError)

  // A newer server copy (another window saved) replaces what is not being edited here.
  useEffect(() => {
    reset(settingsFormOf(settings), { keepDirtyValues: true })
  }, [settings, reset])

  const submit = handleSubmit((edited) => {
    const patch = changedSettings(settings, edited)
    if (Object.keys(patch).length === 0 || update.isPending) return
    server.clear()
    update.mutate(patch, {
      onSuccess: (saved) => {
        reset(settingsFormOf(saved))
        setSavedNotice(true)
      },
      onError: server.show,
    })
  })

  const idle = !formState.isDirty || update.isPending
  return (
    <Box
      component="form"
      noValidate
      onSubmit={(event) => void submit(event)}
      aria-label="Settings"
      sx={{ maxWidth: 720 }}
    >
      <Stack spacing={2}>
        {server.unplaced && update.error ? <ErrorAlert error={update.error} /> : null}
        <Typography variant="h6" component="h2">
          Company
        </Typography>
        <CompanySections control={control} />
        <Typography variant="h6" component="h2">
          Billing
        </Typography>
        <BillingSections control={control} timeZone={settings.businessTimeZone} />
        <Typography variant="h6" component="h2">
          Payments
        </Typography>
        <PaymentsSections control={control} />
        <Typography variant="h6" component="h2">
          Email
        </Typography>
        <MailSections control={control} />
        {/* One save for every section above, kept in view while scrolling through them. */}
        <Paper
          variant="outlined"
          sx={{ position: 'sticky', bottom: 0, zIndex: 1, p: 1.5, display: 'flex', gap: 1.5 }}
        >
          {/* The name stays "Save" while pending so the button is the same one before and after. */}
          <Button
            type="submit"
            variant="contained"
            disabled={idle}
            startIcon={update.isPending ? <CircularProgress size={14} color="inherit" /> : null}
          >
            Save
          </Button>
          <Button
            variant="text"
            disabled={idle}
            onClick={() => {
              reset()
              server.clear()
              update.reset()
            }}
          >
            Discard changes
          </Button>
          <Typography variant="body2" sx={{ alignSelf: 'center', color: 'text.secondary' }}>
            {formState.isDirty ? 'Unsaved changes' : 'All changes saved'}
          </Typography>
        </Paper>
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
