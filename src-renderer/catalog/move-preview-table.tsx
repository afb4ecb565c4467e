import Checkbox from '@mui/material/Checkbox'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import type { MovePreview, MoveTotal } from '../../src-shared/domain/plan-moves'
import { formatMoney } from './catalog-format'

type Props = {
  /** Every subscriber on the version: the rows, whichever are chosen. */
  all: MovePreview
  /** The totals of what would be moved (all, or the chosen customers). */
  totals: MoveTotal[]
  /** The chosen customers, or null when all of them move (no checkboxes then). */
  chosen: ReadonlySet<string> | null
  onToggle: (externalId: string) => void
}

const signed = (minor: number, currency: string): string =>
  `${minor > 0 ? '+' : ''}${formatMoney(minor, currency)}`

/** Per subscriber, their last billed period under both versions; then the totals per currency. */
export const MovePreviewTable = ({ all, totals, chosen, onToggle }: Props) => (
  <Table size="small" aria-label="Move preview">
    <TableHead>
      <TableRow>
        {chosen ? <TableCell padding="checkbox" /> : null}
        <TableCell>Customer</TableCell>
        <TableCell>Last billed period</TableCell>
        <TableCell align="right">On version {all.fromVersion}</TableCell>
        <TableCell align="right">On version {all.toVersion}</TableCell>
        <TableCell align="right">Difference</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {all.rows.map((row) => {
        const last = row.lastPeriod
        return (
          <TableRow key={row.externalId}>
            {chosen ? (
              <TableCell padding="checkbox">
                <Checkbox
                  checked={chosen.has(row.externalId)}
                  onChange={() => onToggle(row.externalId)}
                  slotProps={{ input: { 'aria-label': `Move ${row.externalId}` } }}
                />
              </TableCell>
            ) : null}
            <TableCell>
              {row.customerName} ({row.externalId})
              {row.refusal ? (
                <Typography
                  variant="body2"
                  color="error"
                  component="span"
                  sx={{ display: 'block' }}
                >
                  Cannot move: {row.refusal}
                </Typography>
              ) : null}
            </TableCell>
            <TableCell>{last ? last.period : 'Not billed yet'}</TableCell>
            <TableCell align="right">
              {last ? formatMoney(last.fromMinor, row.currency) : '—'}
            </TableCell>
            <TableCell align="right">
              {last ? formatMoney(last.toMinor, row.currency) : '—'}
            </TableCell>
            <TableCell align="right">
              {last ? signed(last.differenceMinor, row.currency) : '—'}
            </TableCell>
          </TableRow>
        )
      })}
      {totals.map((total) => (
        <TableRow key={total.currency} sx={{ '& td': { fontWeight: 600 } }}>
          {chosen ? <TableCell /> : null}
          <TableCell colSpan={2}>
            Total {total.currency} ({total.customers} billed)
          </TableCell>
          <TableCell align="right">{formatMoney(total.fromMinor, total.currency)}</TableCell>
          <TableCell align="right">{formatMoney(total.toMinor, total.currency)}</TableCell>
          <TableCell align="right">{signed(total.differenceMinor, total.currency)}</TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
)
