import Chip from '@mui/material/Chip'
import type { GridColDef } from '@mui/x-data-grid'
import type { Dispute, DisputeSortField } from '../../src-shared/domain/disputes'
import { formatDateTime } from '../format'
import { money } from '../invoices/money'
import { ServerGrid, type ServerPaging, type ServerSorting } from '../server-grid'
import { Deadline, statusLabel } from './deadline'

export const disputePageSizes = [25, 50, 100] as const

const columnsIn = (zone: string): GridColDef<Dispute>[] => [
  {
    field: 'openedAt',
    headerName: 'Opened',
    width: 170,
    valueFormatter: (value: string) => formatDateTime(value),
  },
  {
    field: 'status',
    headerName: 'Status',
    width: 160,
    renderCell: ({ row }) => (
      <Chip
        size="small"
        label={statusLabel(row)}
        color={row.status === 'resolved' ? 'default' : 'warning'}
      />
    ),
  },
  {
    field: 'customerName',
    headerName: 'Customer',
    flex: 1,
    minWidth: 160,
    valueGetter: (_value, row) => `${row.customerName} (${row.customerId})`,
  },
  {
    field: 'invoiceNumber',
    headerName: 'Invoice',
    width: 150,
    valueGetter: (_value, row) => row.invoiceNumber ?? `draft-${row.invoiceId}`,
  },
  { field: 'reason', headerName: 'Reason', flex: 1, minWidth: 160 },
  {
    field: 'amountMinor',
    headerName: 'Amount',
    width: 120,
    align: 'right',
    headerAlign: 'right',
    valueGetter: (_value, row) => money(row.amountMinor, row.currency),
  },
  {
    field: 'deadline',
    headerName: 'Deadline',
    width: 170,
    renderCell: ({ row }) => <Deadline dispute={row} zone={zone} />,
  },
  {
    field: 'source',
    headerName: 'Source',
    width: 90,
    valueGetter: (_value, row) => (row.source === 'stripe' ? 'Stripe' : 'Manual'),
  },
]

/** The columns a click on the header sorts by, on the server. */
const sortColumns: Partial<Record<string, DisputeSortField>> = {
  openedAt: 'opened',
  status: 'status',
  customerName: 'customer',
  invoiceNumber: 'invoice',
  amountMinor: 'amount',
  deadline: 'deadline',
}

type Props = ServerPaging & {
  rows: readonly Dispute[]
  zone: string
  sort: ServerSorting<DisputeSortField>['sort']
  onSortChange: ServerSorting<DisputeSortField>['onSortChange']
  onOpen: (row: Dispute) => void
}

export const DisputeGrid = ({ sort, onSortChange, zone, ...rest }: Props) => (
  <ServerGrid
    label="Disputes"
    columns={columnsIn(zone)}
    pageSizeOptions={disputePageSizes}
    sorting={{ sort, onSortChange, fields: sortColumns }}
    {...rest}
  />
)
