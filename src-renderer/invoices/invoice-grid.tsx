import Box from '@mui/material/Box'
import {
  DataGrid,
  type GridCellParams,
  type GridColDef,
  type GridPaginationModel,
  type GridRowParams,
} from '@mui/x-data-grid'
import { useMemo } from 'react'
import type { InvoiceSummary } from '../../src-shared/domain/billing'
import { money } from './money'
import { formatPeriodRange, useBusinessZone } from './period-format'
import { InvoiceStatusChip } from './status-chip'

const columnsFor = (zone: string): GridColDef<InvoiceSummary>[] => [
  {
    field: 'number',
    headerName: 'Number',
    width: 170,
    renderCell: ({ row }) =>
      row.number === null ? (
        <Box component="span" sx={{ color: 'text.secondary' }}>
          Draft
        </Box>
      ) : (
        <Box component="code" sx={{ fontFamily: 'monospace' }}>
          {row.number}
        </Box>
      ),
  },
  {
    field: 'customerName',
    headerName: 'Customer',
    flex: 1,
    minWidth: 180,
    valueGetter: (_value, row) => `${row.customerName} (${row.customerId})`,
  },
  {
    field: 'period',
    headerName: 'Period',
    width: 200,
    valueGetter: (_value, row) => formatPeriodRange(row.periodStart, row.periodEnd, zone),
  },
  {
    field: 'totalMinor',
    headerName: 'Total',
    width: 140,
    align: 'right',
    headerAlign: 'right',
    valueGetter: (_value, row) => money(row.totalMinor, row.currency),
  },
  {
    field: 'status',
    headerName: 'Status',
    width: 140,
    renderCell: ({ row }) => (
      <Box sx={{ display: 'flex', alignItems: 'center', height: '100%' }}>
        <InvoiceStatusChip status={row.status} />
      </Box>
    ),
  },
  {
    field: 'dueDate',
    headerName: 'Due',
    width: 120,
    valueGetter: (_value, row) => row.dueDate ?? '—',
  },
]

type Props = {
  label?: string
  rows: readonly InvoiceSummary[]
  total: number | undefined
  loading: boolean
  paginationModel: GridPaginationModel
  onPaginationModelChange: (model: GridPaginationModel) => void
  pageSizeOptions: readonly number[]
  onOpen: (invoice: InvoiceSummary) => void
  emptyLabel: string
  /** Columns left out where they say nothing (the customer on a customer's own page). */
  hide?: readonly 'customerName'[]
}

export const InvoiceGrid = ({
  label = 'Invoices',
  rows,
  total,
  loading,
  paginationModel,
  onPaginationModelChange,
  pageSizeOptions,
  onOpen,
  emptyLabel,
  hide = [],
}: Props) => {
  const zone = useBusinessZone()
  const columns = useMemo(() => columnsFor(zone), [zone])
  return (
    <DataGrid
      label={label}
      rows={rows}
      columns={columns}
      columnVisibilityModel={Object.fromEntries(hide.map((field) => [field, false]))}
      getRowId={(row) => row.id}
      // Until the first page arrives, claim enough rows for a bookmarked page to exist.
      rowCount={total ?? (paginationModel.page + 1) * paginationModel.pageSize}
      paginationMode="server"
      paginationModel={paginationModel}
      onPaginationModelChange={onPaginationModelChange}
      pageSizeOptions={[...pageSizeOptions]}
      loading={loading}
      density="compact"
      // The server orders and pages, so a client sort would only reorder one page.
      disableColumnSorting
      disableColumnFilter
      disableColumnMenu
      disableRowSelectionOnClick
      onRowClick={({ row }: GridRowParams<InvoiceSummary>) => onOpen(row)}
      onCellKeyDown={({ row }: GridCellParams<InvoiceSummary>, event) => {
        if (event.key === 'Enter') onOpen(row)
      }}
      localeText={{ noRowsLabel: emptyLabel }}
      slotProps={{ loadingOverlay: { variant: 'linear-progress', noRowsVariant: 'skeleton' } }}
      sx={{ '& .MuiDataGrid-row': { cursor: 'pointer' } }}
    />
  )
}
