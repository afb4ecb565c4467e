import Button from '@mui/material/Button'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import type { CreditNoteSettlement, Invoice } from '../../src-shared/domain/billing'
import { formatDateTime } from '../format'
import { money } from './money'

const settlementLabels: Record<CreditNoteSettlement, string> = {
  credit_balance: 'Credit balance',
  stripe_refund: 'Refunded through Stripe',
  paid_outside: 'Paid back outside Meterbook',
}

type Props = {
  invoice: Invoice
  onDownload: (creditNoteId: number) => void
  downloading: boolean
}

/** Credit notes issued against the invoice, each with its own PDF. */
export const CreditNotes = ({ invoice, onDownload, downloading }: Props) => {
  if (invoice.creditNotes.length === 0) {
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        No credit notes.
      </Typography>
    )
  }
  return (
    <Table size="small" aria-label="Credit notes">
      <TableHead>
        <TableRow>
          <TableCell>Number</TableCell>
          <TableCell>Issued</TableCell>
          <TableCell>Reason</TableCell>
          <TableCell>Settlement</TableCell>
          <TableCell align="right">Total</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {invoice.creditNotes.map((note) => (
          <TableRow key={note.id}>
            <TableCell>{note.number}</TableCell>
            <TableCell>
              {formatDateTime(note.createdAt)} · {note.createdBy}
            </TableCell>
            <TableCell>
              {note.reason}
              {note.lines.map((line, index) => (
                <Typography
                  key={index}
                  variant="body2"
                  sx={{ color: 'text.secondary', fontSize: 12 }}
                >
                  {line.description}: {money(line.amountMinor, note.currency)}
                </Typography>
              ))}
            </TableCell>
            <TableCell>{settlementLabels[note.settlement]}</TableCell>
            <TableCell align="right">{money(note.totalMinor, note.currency)}</TableCell>
            <TableCell align="right">
              <Button
                size="small"
                disabled={downloading}
                onClick={() => onDownload(note.id)}
                aria-label={`Download PDF of credit note ${note.number}`}
              >
                PDF
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}
