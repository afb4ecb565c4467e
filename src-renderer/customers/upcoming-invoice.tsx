import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'
import type { UpcomingEstimate } from '../../src-shared/domain/upcoming-invoice'
import { channelQuery } from '../channel-query'
import { ErrorAlert } from '../error-alert'
import { formatMinute, formatMoney, formatPeriod, formatQuantity } from '../format'
import { useBusinessZone } from '../invoices/period-format'

/**
 * The current period's invoice as the billing run would compute it now. Like every ledger read
 * it is refetched when the ledger changes (live-updates.ts), so it follows usage as it arrives.
 */
export const useUpcomingInvoice = (externalId: string, enabled: boolean) =>
  useQuery({ ...channelQuery('customers:upcoming-invoice', { externalId }), enabled })

type Row = { label: string; quantity?: string; amountMinor: number; testId: string }

/** The estimate's rows in the invoice's order: lines, then discounts, tax and credit. */
const rowsOf = (estimate: UpcomingEstimate): Row[] => [
  ...estimate.lines.map((line, index) => ({
    label: line.description,
    quantity: formatQuantity(line.quantity),
    amountMinor: line.amountMinor,
    testId: `estimate-line-${index}`,
  })),
  ...estimate.discounts.map((discount) => ({
    label: discount.description,
    amountMinor: -discount.amountMinor,
    testId: `estimate-discount-${discount.discountId}`,
  })),
  ...(estimate.tax
    ? [
        {
          label: `${estimate.tax.name} (${formatQuantity(estimate.tax.ratePercent)}%)`,
          amountMinor: estimate.totals.taxMinor,
          testId: 'estimate-tax',
        },
      ]
    : []),
  ...(estimate.totals.creditMinor > 0
    ? [
        {
          label: 'Prepaid credit',
          amountMinor: -estimate.totals.creditMinor,
          testId: 'estimate-credit',
        },
      ]
    : []),
]

const EstimateTable = ({ estimate }: { estimate: UpcomingEstimate }) => {
  const money = (minor: number) => formatMoney(minor, estimate.currency)
  return (
    <Table size="small" aria-label="Upcoming invoice estimate">
      <TableHead>
        <TableRow>
          <TableCell>Item</TableCell>
          <TableCell align="right">Quantity</TableCell>
          <TableCell align="right">Amount</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rowsOf(estimate).map((row) => (
          <TableRow key={row.testId} data-testid={row.testId}>
            <TableCell>{row.label}</TableCell>
            <TableCell align="right">{row.quantity ?? ''}</TableCell>
            <TableCell align="right" data-amount-minor={row.amountMinor}>
              {money(row.amountMinor)}
            </TableCell>
          </TableRow>
        ))}
        <TableRow data-testid="estimate-total">
          <TableCell component="th" scope="row" sx={{ fontWeight: 600 }}>
            Estimated total
          </TableCell>
          <TableCell />
          <TableCell
            align="right"
            sx={{ fontWeight: 600 }}
            data-amount-minor={estimate.totals.totalMinor}
          >
            {money(estimate.totals.totalMinor)}
          </TableCell>
        </TableRow>
      </TableBody>
    </Table>
  )
}

/** The upcoming invoice, or why there is none; idle without a subscription. */
export const UpcomingInvoice = ({
  externalId,
  enabled,
}: {
  externalId: string
  enabled: boolean
}) => {
  const zone = useBusinessZone()
  const upcoming = useUpcomingInvoice(externalId, enabled)
  if (!enabled)
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        No subscription, so no invoice is coming.
      </Typography>
    )
  if (upcoming.isPending) return <LinearProgress aria-label="Loading the estimate" />
  if (upcoming.isError) return <ErrorAlert error={upcoming.error} />
  const estimate = upcoming.data
  if (estimate.status === 'none')
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        {estimate.reason}
      </Typography>
    )
  return (
    <Stack spacing={1}>
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        {formatPeriod(estimate.periodStart, estimate.periodEnd, { timeZone: zone })}, with the usage
        recorded up to {formatMinute(estimate.asOf)}: what the billing run would charge if the
        period ended now.
      </Typography>
      <EstimateTable estimate={estimate} />
      {estimate.notes.map((note) => (
        <Typography key={note} variant="caption" sx={{ color: 'text.secondary' }}>
          {note}
        </Typography>
      ))}
    </Stack>
  )
}
