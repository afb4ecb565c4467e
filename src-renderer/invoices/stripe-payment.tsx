import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'
import type { Invoice } from '../../src-shared/domain/billing'
import { channelQuery } from '../channel-query'
import { ErrorAlert } from '../error-alert'
import { formatDateTime } from '../format'
import { outboxStatusLooks } from '../payments/outbox-view'
import { usePush } from '../payments/queries'
import { operationLabels } from '../retries/labels'
import { money } from './money'

/**
 * The Stripe side of a finalized invoice: its status there, what was paid and refunded, a
 * dispute, and every outbox operation for it; or a button to send it to Stripe.
 */
export const StripePayment = ({ invoice }: { invoice: Invoice }) => {
  const payment = useQuery(channelQuery('payments:invoice', { invoiceId: invoice.id }))
  const push = usePush()
  if (payment.isError) return <ErrorAlert error={payment.error} />
  if (payment.isPending) return null
  const data = payment.data
  if (data === null)
    return (
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          Not sent to Stripe.
        </Typography>
        {invoice.status === 'finalized' ? (
          <Button
            variant="outlined"
            size="small"
            disabled={push.isPending}
            onClick={() => push.mutate({ invoiceIds: [invoice.id] })}
          >
            Push to Stripe
          </Button>
        ) : null}
        {push.isError ? <ErrorAlert error={push.error} /> : null}
      </Stack>
    )
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="body2" data-testid="stripe-status">
          Stripe: {data.stripeStatus ?? 'not created yet'}
          {data.stripeInvoiceId ? ` (${data.stripeInvoiceId})` : ''}
        </Typography>
        <Typography variant="body2">
          Paid {money(data.amountPaidMinor, invoice.currency)} · refunded{' '}
          {money(data.amountRefundedMinor, invoice.currency)}
        </Typography>
        {data.disputed ? <Chip size="small" color="error" label="Disputed" /> : null}
      </Stack>
      {data.disputed ? (
        <Alert severity="error">
          The customer disputed this payment with their bank: respond in the Stripe dashboard.
        </Alert>
      ) : null}
      <Table size="small" aria-label="Stripe operations">
        <TableHead>
          <TableRow>
            <TableCell>Operation</TableCell>
            <TableCell>Status</TableCell>
            <TableCell align="right">Attempts</TableCell>
            <TableCell>Queued</TableCell>
            <TableCell>Sent</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {data.outbox.map((entry) => (
            <TableRow key={entry.id}>
              <TableCell>{operationLabels[entry.operation]}</TableCell>
              <TableCell>
                <Chip
                  size="small"
                  variant="outlined"
                  label={outboxStatusLooks[entry.status].label}
                  color={outboxStatusLooks[entry.status].color}
                />
              </TableCell>
              <TableCell align="right">{entry.attempts}</TableCell>
              <TableCell>{formatDateTime(entry.createdAt)}</TableCell>
              <TableCell>{entry.sentAt ? formatDateTime(entry.sentAt) : '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Stack>
  )
}
