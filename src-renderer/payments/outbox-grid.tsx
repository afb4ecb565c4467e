import Box from '@mui/material/Box'
import Chip from '@mui/material/Chip'
import type { GridColDef } from '@mui/x-data-grid'
import type { OutboxEntry } from '../../src-shared/domain/payments'
import { formatDateTime } from '../format'
import { money } from '../invoices/money'
import { operationLabels } from '../retries/labels'
import { ServerGrid, type ServerPaging } from '../server-grid'
import { outboxPageSizes, outboxStatusLooks } from './outbox-view'

const columns: GridColDef<OutboxEntry>[] = [
  {
    field: 'createdAt',
    headerName: 'Queued',
    width: 180,
    valueFormatter: (value: string) => formatDateTime(value),
  },
  {
    field: 'operation',
    headerName: 'Operation',
    width: 140,
    valueGetter: (_value, row) => operationLabels[row.operation],
  },
  {
    field: 'customerName',
    headerName: 'Customer',
    flex: 1,
    minWidth: 170,
    valueGetter: (_value, row) => `${row.customerName} (${row.customerId})`,
  },
  {
    field: 'invoiceNumber',
    headerName: 'Invoice',
    width: 150,
    valueGetter: (_value, row) => row.invoiceNumber ?? '—',
  },
  {
    field: 'amountMinor',
    headerName: 'Amount',
    width: 115,
    align: 'right',
    headerAlign: 'right',
    valueGetter: (_value, row) =>
      row.amountMinor !== null && row.currency ? money(row.amountMinor, row.currency) : '—',
  },
  {
    field: 'status',
    headerName: 'Status',
    width: 110,
    renderCell: ({ row }) => (
      <Box sx={{ display: 'flex', alignItems: 'center', height: '100%' }}>
        <Chip
          size="small"
          label={outboxStatusLooks[row.status].label}
          color={outboxStatusLooks[row.status].color}
        />
      </Box>
    ),
  },
  { field: 'attempts', headerName: 'Attempts', width: 85, align: 'right', headerAlign: 'right' },
  {
    field: 'when',
    headerName: 'Sent / next attempt',
    width: 180,
    valueGetter: (_value, row) => {
      if (row.sentAt) return formatDateTime(row.sentAt)
      return row.nextAttemptAt ? formatDateTime(row.nextAttemptAt) : '—'
    },
  },
  {
    field: 'idempotencyKey',
    headerName: 'Idempotency key',
    width: 220,
    renderCell: ({ row }) => (
      <Box component="code" sx={{ fontFamily: 'monospace', fontSize: 12 }}>
        {row.idempotencyKey}
      </Box>
    ),
  },
]

type Props = ServerPaging & { entries: OutboxEntry[] }

/** What was sent to Stripe and what waits, in the order it is sent. */
export const OutboxGrid = ({ entries, ...paging }: Props) => (
  <ServerGrid
    label="Outbox"
    rows={entries}
    columns={columns}
    pageSizeOptions={outboxPageSizes}
    {...paging}
  />
)
