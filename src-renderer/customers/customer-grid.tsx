import Box from '@mui/material/Box'
import type { GridColDef } from '@mui/x-data-grid'
import type { CustomerSortField, CustomerSummary } from '../../src-shared/domain/customers'
import { formatMoney } from '../format'
import { ServerGrid, type ServerPaging, type ServerSorting } from '../server-grid'
import { pageSizes } from './list-view'
import { SubscriptionStatusChip } from './status-chip'

const columns: GridColDef<CustomerSummary>[] = [
  {
    field: 'externalId',
    headerName: 'External id',
    width: 170,
    renderCell: ({ row }) => (
      <Box component="code" sx={{ fontFamily: 'monospace' }}>
        {row.externalId}
      </Box>
    ),
  },
  { field: 'name', headerName: 'Name', flex: 1, minWidth: 160 },
  { field: 'email', headerName: 'Email', flex: 1, minWidth: 180 },
  { field: 'currency', headerName: 'Currency', width: 90 },
  {
    field: 'plan',
    headerName: 'Plan',
    width: 150,
    valueGetter: (_value, row) =>
      row.planId === null ? '' : `${row.planId} v${row.planVersion ?? '?'}`,
  },
  {
    field: 'status',
    headerName: 'Status',
    width: 120,
    renderCell: ({ row }) => (
      <Box sx={{ display: 'flex', alignItems: 'center', height: '100%' }}>
        <SubscriptionStatusChip status={row.status} />
      </Box>
    ),
  },
  // In the customer's currency; a sort orders by currency, then the amount (see the contract).
  {
    field: 'mrrMinor',
    headerName: 'MRR',
    description: 'Base fee per month plus the average usage charges of the last billed periods',
    width: 120,
    align: 'right',
    headerAlign: 'right',
    valueGetter: (_value, row) => formatMoney(row.mrrMinor, row.currency),
  },
  {
    field: 'balanceMinor',
    headerName: 'Balance',
    description: 'What the finalized invoices still ask for',
    width: 120,
    align: 'right',
    headerAlign: 'right',
    valueGetter: (_value, row) => formatMoney(row.balanceMinor, row.currency),
  },
]

/** The columns a click on the header sorts by, on the server. */
export const customerSortColumns: Partial<Record<string, CustomerSortField>> = {
  externalId: 'externalId',
  name: 'name',
  plan: 'plan',
  status: 'status',
  mrrMinor: 'mrr',
  balanceMinor: 'balance',
}

type Props = ServerPaging & {
  rows: readonly CustomerSummary[]
  sorting?: ServerSorting<CustomerSortField>
  onOpen: (customer: CustomerSummary) => void
}

export const CustomerGrid = (props: Props) => (
  <ServerGrid label="Customers" columns={columns} pageSizeOptions={pageSizes} {...props} />
)
