import Alert from '@mui/material/Alert'
import AlertTitle from '@mui/material/AlertTitle'
import Box from '@mui/material/Box'
import type { ReactNode } from 'react'
import type { ErrorCode } from '../src-shared/ipc/result'
import { ApiError } from './api'
import { FieldErrorList } from './field-error-list'

const titles: Record<ErrorCode, string> = {
  validation_failed: 'Some fields need attention',
  not_found: 'Not found',
  conflict: 'Conflict',
  ledger_unavailable: 'The ledger is unavailable',
  unknown_channel: 'Unknown operation',
  internal: 'Something went wrong',
  stripe_not_configured: 'Stripe is not set up',
  stripe_unavailable: 'Stripe cannot be reached',
  secret_storage_unavailable: 'The key cannot be stored safely here',
  sign_in_required: 'Sign in to continue',
  forbidden: 'Your role does not allow this',
  mail_not_configured: 'Email is not set up',
  mail_unavailable: 'The mail server cannot be reached',
}

/** A readable title for any thrown value, whatever produced it. */
export const errorTitle = (error: unknown): string =>
  error instanceof ApiError ? titles[error.code] : 'Something went wrong'

/** The message to show for any thrown value; non-Error throws still say something useful. */
export const errorMessage = (error: unknown): string => {
  if (error instanceof Error) return error.message || error.name
  if (typeof error === 'string') return error
  try {
    return JSON.stringify(error) ?? String(error)
  } catch {
    return String(error)
  }
}

type Props = {
  error: unknown
  /** Extra controls such as a retry button, shown in the alert's action area. */
  action?: ReactNode
}

/** Renders any failure readably: contract errors get a title per code and their field errors. */
export const ErrorAlert = ({ error, action }: Props) => {
  const fields = error instanceof ApiError && error.fields ? Object.entries(error.fields) : []
  return (
    <Alert severity="error" action={action} sx={{ '& .MuiAlert-message': { minWidth: 0 } }}>
      <AlertTitle>{errorTitle(error)}</AlertTitle>
      <Box sx={{ overflowWrap: 'anywhere' }}>{errorMessage(error)}</Box>
      {fields.length > 0 ? <FieldErrorList fields={fields} /> : null}
    </Alert>
  )
}
