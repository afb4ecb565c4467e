import Box from '@mui/material/Box'
import type { GridColDef } from '@mui/x-data-grid'
import { useMemo } from 'react'
import type { InvoiceSummary } from '../../src-shared/domain/billing'
import { ServerGrid, type ServerPaging } from '../server-grid'
import { money } from './money'
import { formatBusinessDay, formatPeriodRange, useBusinessZone } from './period-format'
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
    valueFormatter: (value: string | null) => (value ? formatBusinessDay(value, zone) : '—'),
  },
]

type Props = ServerPaging & {
  label?: string
  rows: readonly InvoiceSummary[]
  pageSizeOptions: readonly number[]
  onOpen: (invoice: InvoiceSummary) => void
  /** Columns left out where they say nothing (the customer on a customer's own page). */
  hide?: readonly 'customerName'[]
}

export const InvoiceGrid = ({ label = 'Invoices', hide = [], ...rest }: Props) => {
  const zone = useBusinessZone()
  const columns = useMemo(() => columnsFor(zone), [zone])
  return (
    <ServerGrid
      label={label}
      columns={columns}
      columnVisibilityModel={Object.fromEntries(hide.map((field) => [field, false]))}
      getRowId={(row) => row.id}
      {...rest}
    />
  )
}
