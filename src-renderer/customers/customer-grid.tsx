import Box from '@mui/material/Box'
import {
  DataGrid,
  type GridCellParams,
  type GridColDef,
  type GridPaginationModel,
  type GridRowParams,
} from '@mui/x-data-grid'
import type { CustomerSummary } from '../../src-shared/domain/customers'
import { pageSizes } from './list-view'
import { SubscriptionStatusChip } from './status-chip'

// Sorting is off: the server orders and pages, so a client sort would only reorder one page.
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
]

type Props = {
  rows: readonly CustomerSummary[]
  total: number | undefined
  loading: boolean
  paginationModel: GridPaginationModel
  onPaginationModelChange: (model: GridPaginationModel) => void
  onOpen: (customer: CustomerSummary) => void
  emptyLabel: string
}

export const CustomerGrid = ({
  rows,
  total,
  loading,
  paginationModel,
  onPaginationModelChange,
  onOpen,
  emptyLabel,
}: Props) => (
  <DataGrid
    label="Customers"
    rows={rows}
    columns={columns}
    // Until the first page arrives, claim enough rows for a bookmarked page to exist.
    rowCount={total ?? (paginationModel.page + 1) * paginationModel.pageSize}
    paginationMode="server"
    paginationModel={paginationModel}
    onPaginationModelChange={onPaginationModelChange}
    pageSizeOptions={[...pageSizes]}
    loading={loading}
    density="compact"
    disableColumnSorting
    disableColumnFilter
    disableColumnMenu
    disableRowSelectionOnClick
    onRowClick={({ row }: GridRowParams<CustomerSummary>) => onOpen(row)}
    onCellKeyDown={({ row }: GridCellParams<CustomerSummary>, event) => {
      if (event.key === 'Enter') onOpen(row)
    }}
    localeText={{ noRowsLabel: emptyLabel }}
    slotProps={{ loadingOverlay: { variant: 'linear-progress', noRowsVariant: 'skeleton' } }}
    sx={{ '& .MuiDataGrid-row': { cursor: 'pointer' } }}
  />
)
