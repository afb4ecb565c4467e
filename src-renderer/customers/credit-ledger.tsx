import AddOutlined from '@mui/icons-material/AddOutlined'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import Link from '@mui/material/Link'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { Link as RouterLink } from 'react-router'
import type { CreditKind, CreditLedger as Ledger } from '../../src-shared/domain/billing'
import { ErrorAlert } from '../error-alert'
import { formatDateTime } from '../format'
import { invoicePath } from '../invoices/invoice-path'
import { money } from '../invoices/money'
import { useCreditLedger } from './billing-queries'
import { CreditDialog } from './credit-dialog'
import { useCan } from '../session/queries'

const kindLabels: Record<CreditKind, string> = {
  grant: 'Grant',
  consume: 'Used on invoice',
  expire: 'Expired',
  refund: 'Refund',
  restore: 'Restored',
}

const Entries = ({ ledger }: { ledger: Ledger }) => (
  <Table size="small" aria-label={`Credit ledger ${ledger.currency}`}>
    <TableHead>
      <TableRow>
        <TableCell>When</TableCell>
        <TableCell>Kind</TableCell>
        <TableCell>Note</TableCell>
        <TableCell align="right">Amount</TableCell>
        <TableCell align="right">Balance</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {ledger.entries.map((entry) => (
        <TableRow key={entry.id}>
          <TableCell sx={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(entry.at)}
            <Box sx={{ color: 'text.secondary', fontSize: 12 }}>{entry.operator}</Box>
          </TableCell>
          <TableCell>{kindLabels[entry.kind]}</TableCell>
          <TableCell>
            {entry.note}
            {entry.invoiceId !== null ? (
              <>
                {entry.note ? ' · ' : ''}
                <Link component={RouterLink} to={invoicePath(entry.invoiceId)}>
                  invoice
                </Link>
              </>
            ) : null}
            {entry.expiresAt ? (
              <Box sx={{ color: 'text.secondary', fontSize: 12 }}>
                Expires {formatDateTime(entry.expiresAt)}
              </Box>
            ) : null}
          </TableCell>
          <TableCell align="right">{money(entry.amountMinor, entry.currency)}</TableCell>
          <TableCell align="right">{money(entry.balanceMinor, entry.currency)}</TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
)

/** Prepaid credit per currency: the balance, every entry with the running balance, and grants. */
export const CreditLedgerView = ({
  externalId,
  currency,
}: {
  externalId: string
  currency: string
}) => {
  const ledgers = useCreditLedger(externalId)
  const [adding, setAdding] = useState(false)
  const can = useCan()
  return (
    <Stack spacing={1.5}>
      {ledgers.isPending ? <LinearProgress aria-label="Loading credit ledger" /> : null}
      {ledgers.isError ? <ErrorAlert error={ledgers.error} /> : null}
      {ledgers.data && ledgers.data.length === 0 ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          No credit granted yet.
        </Typography>
      ) : null}
      {ledgers.data?.map((ledger) => (
        <Stack key={ledger.currency} spacing={1}>
          <Typography variant="body1" data-testid={`credit-balance-${ledger.currency}`}>
            Balance: <strong>{money(ledger.balanceMinor, ledger.currency)}</strong>
          </Typography>
          <Entries ledger={ledger} />
        </Stack>
      ))}
      {can('credits:add') ? (
        <Box>
          <Button startIcon={<AddOutlined />} onClick={() => setAdding(true)}>
            Grant or refund credit
          </Button>
        </Box>
      ) : null}
      {adding ? (
        <CreditDialog
          externalId={externalId}
          currency={currency}
          onClose={() => setAdding(false)}
        />
      ) : null}
    </Stack>
  )
}
