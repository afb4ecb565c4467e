import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import type { Attempt } from '../../src-shared/domain/payments'
import { formatDateTime } from '../format'
import { strategyLooks } from './labels'

const headings = [
  '#',
  'When',
  'Outcome',
  'Error type',
  'Code',
  'Decline code',
  'Request id',
  'HTTP',
  'Message',
  'Strategy',
  'Next attempt',
  'Operator',
] as const

const dash = (value: string | number | null): string | number => value ?? '—'

/** Every try of one failed operation, oldest first, exactly as recorded. */
export const AttemptsTable = ({ history }: { history: readonly Attempt[] }) => (
  <TableContainer sx={{ overflowX: 'auto' }}>
    <Table size="small" aria-label="Attempts">
      <TableHead>
        <TableRow>
          {headings.map((heading) => (
            <TableCell key={heading} sx={{ whiteSpace: 'nowrap' }}>
              {heading}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {history.map((attempt) => (
          <TableRow key={attempt.number}>
            <TableCell>{attempt.number}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(attempt.at)}</TableCell>
            <TableCell sx={{ color: attempt.outcome === 'failed' ? 'error.main' : 'success.main' }}>
              {attempt.outcome === 'failed' ? 'Failed' : 'Succeeded'}
            </TableCell>
            <TableCell>{dash(attempt.errorType)}</TableCell>
            <TableCell>{dash(attempt.code)}</TableCell>
            <TableCell>{dash(attempt.declineCode)}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace' }}>{dash(attempt.requestId)}</TableCell>
            <TableCell>{dash(attempt.httpStatus)}</TableCell>
            <TableCell sx={{ minWidth: 200 }}>{dash(attempt.message)}</TableCell>
            <TableCell>{strategyLooks[attempt.strategy].label}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              {attempt.nextAttemptAt ? formatDateTime(attempt.nextAttemptAt) : '—'}
            </TableCell>
            <TableCell>{attempt.operator}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  </TableContainer>
)
