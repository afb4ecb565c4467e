import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useState, type FormEvent } from 'react'
import { ErrorAlert } from '../error-alert'
import { formatDateTime } from '../format'
import {
  useClearSmtpPassword,
  useMailOutbox,
  useMailStatus,
  useRetryMail,
  useSendMail,
  useSetSmtpPassword,
  useTestMail,
} from './queries'

const sourceLabels = {
  stored: 'stored, encrypted by the operating system',
  session: 'kept for this session only',
  environment: 'from METERBOOK_SMTP_PASSWORD',
} as const

/** The SMTP password (sent to main once, never shown back) and the test email. */
export const SmtpPasswordForm = () => {
  const status = useMailStatus()
  const setPassword = useSetSmtpPassword()
  const clearPassword = useClearSmtpPassword()
  const test = useTestMail()
  const [password, setPasswordText] = useState('')
  const [to, setTo] = useState('')
  const save = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    if (!password) return
    setPassword.mutate(password, { onSuccess: () => setPasswordText('') })
  }
  const current = status.data
  return (
    <Paper variant="outlined" component="section" aria-label="SMTP password" sx={{ p: 2.5 }}>
      <Typography variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
        SMTP password
      </Typography>
      <Typography variant="body2" sx={{ color: 'text.secondary', mb: 2 }}>
        {current?.passwordSource
          ? `A password is set (${sourceLabels[current.passwordSource]}).`
          : 'No password is set (a server without sign-in needs none).'}
      </Typography>
      <Stack component="form" direction="row" spacing={1.5} onSubmit={save} sx={{ mb: 2 }}>
        <TextField
          type="password"
          label="New SMTP password"
          size="small"
          autoComplete="off"
          value={password}
          onChange={(event) => setPasswordText(event.target.value)}
        />
        <Button type="submit" variant="outlined" disabled={!password || setPassword.isPending}>
          Save password
        </Button>
        {current?.passwordSource === 'stored' || current?.passwordSource === 'session' ? (
          <Button color="error" onClick={() => clearPassword.mutate(undefined)}>
            Remove
          </Button>
        ) : null}
      </Stack>
      {setPassword.isError ? <ErrorAlert error={setPassword.error} /> : null}
      <Stack
        component="form"
        direction="row"
        spacing={1.5}
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault()
          if (to.trim()) test.mutate(to.trim())
        }}
      >
        <TextField
          label="Send a test email to"
          size="small"
          value={to}
          onChange={(event) => setTo(event.target.value)}
          sx={{ width: 300 }}
        />
        <Button type="submit" variant="outlined" disabled={!to.trim() || test.isPending}>
          Send a test email
        </Button>
      </Stack>
      {test.data ? (
        <Alert severity={test.data.ok ? 'success' : 'error'} sx={{ mt: 2 }} role="status">
          {test.data.message}
        </Alert>
      ) : null}
      {test.isError ? <ErrorAlert error={test.error} /> : null}
    </Paper>
  )
}

/** What waits in the mail outbox (queued, failed, uncertain), with "Retry now". */
export const MailOutboxPanel = () => {
  const outbox = useMailOutbox({ limit: 100 })
  const retry = useRetryMail()
  const send = useSendMail()
  if (outbox.isError) return <ErrorAlert error={outbox.error} />
  if (!outbox.data) return null
  const { counts } = outbox.data
  const waiting = outbox.data.sends.filter((s) => s.status !== 'sent' && s.status !== 'canceled')
  return (
    <Paper variant="outlined" component="section" aria-label="Mail outbox" sx={{ p: 2.5 }}>
      <Typography variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
        Mail outbox
      </Typography>
      <Typography variant="body2" sx={{ color: 'text.secondary', mb: 2 }} data-testid="mail-counts">
        {counts.pending} queued · {counts.sent} sent · {counts.failed} failed · {counts.uncertain}{' '}
        may have been delivered (reminders wait for you rather than risk a second copy)
      </Typography>
      <Stack direction="row" spacing={1.5} sx={{ mb: 2 }}>
        <Button variant="outlined" disabled={send.isPending} onClick={() => send.mutate(true)}>
          Send queued now
        </Button>
        {send.isError ? <ErrorAlert error={send.error} /> : null}
      </Stack>
      {waiting.length > 0 ? (
        <Table size="small" aria-label="Emails waiting">
          <TableHead>
            <TableRow>
              <TableCell>Invoice</TableCell>
              <TableCell>Email</TableCell>
              <TableCell>To</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Last error</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {waiting.map((s) => (
              <TableRow key={s.id}>
                <TableCell>{s.invoiceNumber ?? '—'}</TableCell>
                <TableCell>{s.subject}</TableCell>
                <TableCell>{s.recipient}</TableCell>
                <TableCell>
                  {s.status}
                  {s.nextAttemptAt ? ` (next ${formatDateTime(s.nextAttemptAt)})` : ''}
                </TableCell>
                <TableCell>{s.lastError ?? ''}</TableCell>
                <TableCell>
                  {s.status !== 'sending' ? (
                    <Button
                      size="small"
                      disabled={retry.isPending}
                      onClick={() => retry.mutate([s.id])}
                    >
                      Retry now
                    </Button>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {retry.isError ? <ErrorAlert error={retry.error} /> : null}
    </Paper>
  )
}
