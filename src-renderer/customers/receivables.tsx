import Box from '@mui/material/Box'
import Link from '@mui/material/Link'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'
import { Link as RouterLink } from 'react-router'
import type { InvoiceSummary } from '../../src-shared/domain/billing'
import { channelQuery } from '../channel-query'
import { ErrorAlert } from '../error-alert'
import { formatDate, formatMoney } from '../format'
import { invoiceLabel, invoicePath } from '../invoices/invoice-path'
import { useInvoiceList } from '../invoices/queries'
import { useFailureList } from '../retries/queries'

/** Enough open invoices for a customer page; the list behind the link has the rest. */
const SHOWN = 10

type AmountsProps = {
  label: string
  amounts: { currency: string; minor: number }[]
  currency: string
  testId: string
}

/** One figure per currency owed in; nothing owed reads as zero in the customer's currency. */
const Amounts = ({ label, amounts, currency, testId }: AmountsProps) => (
  <Box data-testid={testId}>
    <Typography variant="caption" sx={{ color: 'text.secondary' }}>
      {label}
    </Typography>
    {amounts.length === 0 ? (
      <Typography variant="h6">{formatMoney(0, currency)}</Typography>
    ) : (
      amounts.map(({ currency: code, minor }) => (
        <Typography key={code} variant="h6" data-currency={code}>
          {formatMoney(minor, code)}
        </Typography>
      ))
    )}
  </Box>
)

const OpenInvoice = ({ invoice, overdue }: { invoice: InvoiceSummary; overdue: boolean }) => (
  <Stack component="li" direction="row" spacing={1.5} sx={{ alignItems: 'baseline' }}>
    <Link component={RouterLink} to={invoicePath(invoice.id)}>
      {invoiceLabel(invoice)}
    </Link>
    <Typography variant="body2">{formatMoney(invoice.totalMinor, invoice.currency)}</Typography>
    <Typography variant="body2" sx={{ color: overdue ? 'error.main' : 'text.secondary' }}>
      {invoice.dueDate
        ? `${overdue ? 'Overdue: was due' : 'Due'} ${formatDate(invoice.dueDate)}`
        : ''}
    </Typography>
  </Stack>
)

/**
 * What the customer owes per currency (open invoices less credit notes and payments, as the
 * dashboard counts it), of which overdue; each open invoice linked, and any payment of theirs
 * waiting in the retry queue.
 */
export const Receivables = ({ externalId, currency }: { externalId: string; currency: string }) => {
  const open = useInvoiceList({
    customer: externalId,
    status: 'finalized',
    sort: { field: 'due', direction: 'asc' },
    limit: SHOWN,
  })
  // Overdue is the server's call (past due in the business time zone), not this machine's clock.
  const overdue = useInvoiceList({
    customer: externalId,
    overdue: true,
    sort: { field: 'due', direction: 'asc' },
    limit: SHOWN,
  })
  const failures = useFailureList({ customer: externalId, status: 'open', limit: 50 })
  const owed = useQuery(channelQuery('customers:receivables', { externalId }))
  if (owed.isError) return <ErrorAlert error={owed.error} />
  if (open.isError) return <ErrorAlert error={open.error} />
  if (overdue.isError) return <ErrorAlert error={overdue.error} />
  // The retry queue matches customers by substring: keep this customer's own.
  const ownFailures = (failures.data?.failures ?? []).filter((f) => f.customerId === externalId)
  const overdueIds = new Set((overdue.data?.invoices ?? []).map((invoice) => invoice.id))
  const invoices = open.data?.invoices ?? []
  const more = (open.data?.total ?? 0) - invoices.length
  const query = new URLSearchParams({ q: externalId })
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={4}>
        <Amounts
          label="Amount due"
          amounts={(owed.data ?? []).map((r) => ({ currency: r.currency, minor: r.owedMinor }))}
          currency={currency}
          testId="amount-due"
        />
        <Amounts
          label="Overdue"
          amounts={(owed.data ?? [])
            .filter((r) => r.overdueMinor > 0)
            .map((r) => ({ currency: r.currency, minor: r.overdueMinor }))}
          currency={currency}
          testId="amount-overdue"
        />
      </Stack>
      {invoices.length > 0 ? (
        <Box component="ul" aria-label="Open invoices" sx={{ m: 0, pl: 2.5 }}>
          {invoices.map((invoice) => (
            <OpenInvoice key={invoice.id} invoice={invoice} overdue={overdueIds.has(invoice.id)} />
          ))}
        </Box>
      ) : (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {open.isPending ? 'Loading…' : 'Nothing due: no open invoices.'}
        </Typography>
      )}
      <Stack direction="row" useFlexGap spacing={2} sx={{ flexWrap: 'wrap' }}>
        {more > 0 ? (
          <Link
            component={RouterLink}
            to={`/invoices?${new URLSearchParams({ q: externalId, status: 'finalized' }).toString()}`}
          >
            All {open.data?.total} open invoices
          </Link>
        ) : null}
        {(overdue.data?.total ?? 0) > 0 ? (
          <Link component={RouterLink} to={`/invoices?overdue=1&${query.toString()}`}>
            {overdue.data?.total === 1
              ? 'The overdue invoice'
              : `All ${overdue.data?.total} overdue invoices`}
          </Link>
        ) : null}
        {ownFailures.length > 0 ? (
          <Link
            component={RouterLink}
            to={`/retries?${new URLSearchParams({ customer: externalId }).toString()}`}
            sx={{ color: 'error.main' }}
          >
            {ownFailures.length === 1
              ? 'A payment failed'
              : `${ownFailures.length} payments failed`}
            : see the retry queue
          </Link>
        ) : null}
      </Stack>
    </Stack>
  )
}
