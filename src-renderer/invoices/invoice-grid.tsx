import Box from '@mui/material/Box'
import type { GridColDef } from '@mui/x-data-grid'
import { useMemo } from 'react'
import type { InvoiceSortField, InvoiceSummary } from '../../src-shared/domain/billing'
import { ServerGrid, type ServerPaging, type ServerSorting } from '../server-grid'
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
    field: 'issuedAt',
    headerName: 'Issued',
    width: 120,
    valueGetter: (_value, row) => (row.issuedAt === null ? '—' : dayIn(row.issuedAt, zone)),
  },
  {
    field: 'dueDate',
    headerName: 'Due',
    width: 120,
    valueFormatter: (value: string | null) => (value ? formatBusinessDay(value, zone) : '—'),
  },
]

/** The columns a click on the header sorts by, on the server. */
export const invoiceSortColumns: Partial<Record<string, InvoiceSortField>> = {
  number: 'number',
  issuedAt: 'issued',
  dueDate: 'due',
  totalMinor: 'amount',
  status: 'status',
}

/** The instant's date in the business time zone, as the due date is written (YYYY-MM-DD). */
const dayIn = (iso: string, zone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(iso))

type Props = ServerPaging & {
  label?: string
  rows: readonly InvoiceSummary[]
  pageSizeOptions: readonly number[]
  onOpen: (invoice: InvoiceSummary) => void
  /** Columns left out where they say nothing (the customer on a customer's own page). */
  hide?: readonly 'customerName'[]
  sorting?: ServerSorting<InvoiceSortField>
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
