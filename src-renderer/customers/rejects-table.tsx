import Box from '@mui/material/Box'
import LinearProgress from '@mui/material/LinearProgress'
import Paper from '@mui/material/Paper'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TablePagination from '@mui/material/TablePagination'
import TableRow from '@mui/material/TableRow'
import type { RejectedRow } from '../../src-shared/domain/customers'

export const rejectPageSizes = [10, 25, 100] as const

type Props = {
  /** The rows of the current page only. */
  rows: readonly RejectedRow[]
  total: number
  page: number
  pageSize: number
  onPage: (page: number, pageSize: number) => void
  loading?: boolean
}

const mono = { fontFamily: 'monospace', fontSize: 12 } as const

/** Rejected rows of an import: where (row and column), what (the value) and why. */
export const RejectsTable = ({ rows, total, page, pageSize, onPage, loading }: Props) => (
  <TableContainer component={Paper} variant="outlined">
    {loading ? <LinearProgress aria-label="Loading rejected rows" /> : null}
    <Table aria-label="Rejected rows">
      <TableHead>
        <TableRow>
          <TableCell align="right" sx={{ width: 80 }}>
            Row
          </TableCell>
          <TableCell sx={{ width: 160 }}>Column</TableCell>
          <TableCell sx={{ width: 200 }}>Value</TableCell>
          <TableCell>Reason</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          // The whole source line as a tooltip: the value alone may not say enough.
          <TableRow key={`${row.rowNumber}-${row.column ?? ''}`} title={row.raw}>
            <TableCell align="right">{row.rowNumber}</TableCell>
            <TableCell>{row.column === null ? '—' : <Box sx={mono}>{row.column}</Box>}</TableCell>
            <TableCell sx={{ maxWidth: 240, overflowWrap: 'anywhere' }}>
              {row.value === null ? (
                '—'
              ) : (
                <Box sx={mono}>{row.value === '' ? '(empty)' : row.value}</Box>
              )}
            </TableCell>
            <TableCell>{row.reason}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
    {total > rejectPageSizes[0] ? (
      <TablePagination
        component="div"
        count={total}
        page={page}
        rowsPerPage={pageSize}
        rowsPerPageOptions={[...rejectPageSizes]}
        onPageChange={(_event, next) => onPage(next, pageSize)}
        onRowsPerPageChange={(event) => onPage(0, Number(event.target.value))}
      />
    ) : null}
  </TableContainer>
)
