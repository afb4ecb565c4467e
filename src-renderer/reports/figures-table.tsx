import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'

/** One column: its heading, and whether it holds figures (right-aligned, tabular digits). */
export type FigureColumn = { header: string; numeric?: boolean }

type Props = {
  label: string
  columns: FigureColumn[]
  rows: { key: string; cells: string[] }[]
  /** Bold rows under the others: one total per currency (or per metric). */
  totals: { key: string; cells: string[] }[]
  empty: string
}

/** A report's table: its rows, then its totals, each total the sum of the rows above it. */
export const FiguresTable = ({ label, columns, rows, totals, empty }: Props) => (
  <TableContainer>
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          {columns.map((c) => (
            <TableCell key={c.header} align={c.numeric ? 'right' : 'left'}>
              {c.header}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.length === 0 ? (
          <TableRow>
            <TableCell colSpan={columns.length}>
              <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                {empty}
              </Typography>
            </TableCell>
          </TableRow>
        ) : null}
        {[
          ...rows.map((r) => ({ ...r, total: false })),
          ...totals.map((t) => ({ ...t, total: true })),
        ].map((row) => (
          <TableRow key={row.key}>
            {row.cells.map((cell, i) => (
              <TableCell
                key={columns[i]?.header ?? i}
                align={columns[i]?.numeric ? 'right' : 'left'}
                sx={{
                  fontWeight: row.total ? 600 : undefined,
                  fontVariantNumeric: 'tabular-nums',
                }}
              >
                {cell}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  </TableContainer>
)
