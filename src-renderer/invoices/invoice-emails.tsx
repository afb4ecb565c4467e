import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import type { Invoice } from '../../src-shared/domain/billing'
import type { MailTemplate } from '../../src-shared/domain/mail'
import { ErrorAlert } from '../error-alert'
import { formatDateTime } from '../format'
import { useInvoiceMail, useSendInvoice } from '../mail/queries'
import { useCan } from '../session/queries'

const templateLabels: Record<MailTemplate, (step: string) => string> = {
  'invoice.issued': (step) => (step === '0' ? 'Invoice' : `Invoice (resent ${step})`),
  'payment.due': (step) => `Due in ${step} days`,
  'payment.overdue': (step) => `Overdue ${step} days`,
  'payment.failed': () => 'Payment failed',
}

/** The invoice's emails (its send log), why none went out on issue, and sending it again. */
export const InvoiceEmails = ({ invoice }: { invoice: Invoice }) => {
  const log = useInvoiceMail(invoice.id)
  const send = useSendInvoice()
  const canSend = useCan()('mail:send-invoice')
  if (log.isError) return <ErrorAlert error={log.error} />
  if (!log.data) return null
  const { sends, notQueuedReason } = log.data
  const issued = sends.some((s) => s.template === 'invoice.issued')
  return (
    <Stack spacing={1.5} data-testid="invoice-emails">
      {notQueuedReason ? (
        <Alert severity="info" data-testid="mail-not-queued">
          Not emailed: {notQueuedReason}
        </Alert>
      ) : null}
      {sends.length > 0 ? (
        <Table size="small" aria-label="Emails">
          <TableHead>
            <TableRow>
              <TableCell>Email</TableCell>
              <TableCell>To</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Queued</TableCell>
              <TableCell>Sent</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {sends.map((s) => (
              <TableRow key={s.id}>
                <TableCell>{templateLabels[s.template](s.step)}</TableCell>
                <TableCell>{s.recipient}</TableCell>
                <TableCell>
                  {s.status}
                  {s.lastError ? ` — ${s.lastError}` : ''}
                </TableCell>
                <TableCell>{formatDateTime(s.createdAt)}</TableCell>
                <TableCell>{s.sentAt ? formatDateTime(s.sentAt) : ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          No emails yet.
        </Typography>
      )}
      {canSend && invoice.status !== 'draft' ? (
        <Stack direction="row">
          <Button
            variant="outlined"
            size="small"
            disabled={send.isPending}
            onClick={() => send.mutate({ invoiceId: invoice.id, resend: issued })}
          >
            {issued ? 'Email the invoice again' : 'Email the invoice'}
          </Button>
        </Stack>
      ) : null}
      {send.isError ? <ErrorAlert error={send.error} /> : null}
    </Stack>
  )
}
