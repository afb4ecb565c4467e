import LinearProgress from '@mui/material/LinearProgress'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { ErrorAlert } from '../error-alert'
import { formatDateTime } from '../format'
import { useTransitions } from './billing-queries'
import { SubscriptionStatusChip } from './status-chip'

/** Every status change of the customer's subscription, newest first, with who and why. */
export const TransitionHistory = ({ externalId }: { externalId: string }) => {
  const history = useTransitions(externalId)
  if (history.isPending) return <LinearProgress aria-label="Loading status history" />
  if (history.isError) return <ErrorAlert error={history.error} />
  if (history.data.length === 0) {
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        No status changes recorded.
      </Typography>
    )
  }
  const rows = [...history.data].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id)
  return (
    <Table size="small" aria-label="Status history">
      <TableHead>
        <TableRow>
          <TableCell>When</TableCell>
          <TableCell>From</TableCell>
          <TableCell>To</TableCell>
          <TableCell>Reason</TableCell>
          <TableCell>Operator</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            <TableCell>{formatDateTime(row.at)}</TableCell>
            <TableCell>{row.from ? <SubscriptionStatusChip status={row.from} /> : '—'}</TableCell>
            <TableCell>
              <SubscriptionStatusChip status={row.to} />
            </TableCell>
            <TableCell>{row.reason}</TableCell>
            <TableCell>{row.operator}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}
