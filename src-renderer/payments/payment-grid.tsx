import type { GridColDef } from '@mui/x-data-grid'
import type { PaymentMovement, PaymentSortField } from '../../src-shared/domain/payment-list'
import { formatDateTime } from '../format'
import { money } from '../invoices/money'
import { ServerGrid, type ServerPaging, type ServerSorting } from '../server-grid'

export const paymentPageSizes = [25, 50, 100] as const

const columns: GridColDef<PaymentMovement>[] = [
  {
    field: 'at',
    headerName: 'Date',
    width: 180,
    valueFormatter: (value: string) => formatDateTime(value),
  },
  {
    field: 'kind',
    headerName: 'Kind',
    width: 100,
    valueGetter: (_value, row) => (row.kind === 'payment' ? 'Payment' : 'Refund'),
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
    width: 160,
    valueGetter: (_value, row) =>
      [row.invoiceNumber ?? '—', row.creditNoteNumber].filter(Boolean).join(' · '),
  },
  {
    field: 'amountMinor',
    headerName: 'Amount',
    width: 130,
    align: 'right',
    headerAlign: 'right',
    valueGetter: (_value, row) => money(row.amountMinor, row.currency),
  },
  {
    field: 'method',
    headerName: 'Method',
    width: 110,
    valueGetter: (_value, row) => (row.method === 'stripe' ? 'Stripe' : 'Outside'),
  },
  {
    field: 'stripeId',
    headerName: 'Stripe id',
    width: 200,
    valueGetter: (_value, row) => row.stripeId ?? '—',
  },
]

/** The columns a click on the header sorts by, on the server. */
const sortColumns: Partial<Record<string, PaymentSortField>> = {
  at: 'date',
  customerName: 'customer',
  invoiceNumber: 'invoice',
  amountMinor: 'amount',
}

type Props = ServerPaging & {
  rows: readonly PaymentMovement[]
  sort: ServerSorting<PaymentSortField>['sort']
  onSortChange: ServerSorting<PaymentSortField>['onSortChange']
}

export const PaymentGrid = ({ sort, onSortChange, ...rest }: Props) => (
  <ServerGrid
    label="Payments and refunds"
    columns={columns}
    getRowId={(row) => row.key}
    pageSizeOptions={paymentPageSizes}
    sorting={{ sort, onSortChange, fields: sortColumns }}
    {...rest}
  />
)
