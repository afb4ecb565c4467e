import Box from '@mui/material/Box'
import Chip from '@mui/material/Chip'
import Link from '@mui/material/Link'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { DataGrid, type GridColDef } from '@mui/x-data-grid'
import { Link as RouterLink } from 'react-router'
import type { BillingRun, RunItem } from '../../src-shared/domain/billing'
import { invoicePath } from '../invoices/invoice-path'
import { formatTotals, money } from '../invoices/money'
import { formatPeriodRange, useBusinessZone } from '../invoices/period-format'

const outcomeLooks: Record<
  RunItem['outcome'],
  { label: string; color: 'success' | 'info' | 'default' | 'warning' | 'error' }
> = {
  created: { label: 'Created', color: 'success' },
  updated: { label: 'Updated', color: 'info' },
  unchanged: { label: 'Unchanged', color: 'default' },
  skipped: { label: 'Skipped', color: 'warning' },
  failed: { label: 'Failed', color: 'error' },
}

const columns = (dryRun: boolean, zone: string): GridColDef<RunItem>[] => [
  {
    field: 'customerName',
    headerName: 'Customer',
    flex: 1,
    minWidth: 180,
    valueGetter: (_value, row) => `${row.customerName} (${row.customerId})`,
  },
  {
    field: 'periodStart',
    headerName: 'Period',
    width: 230,
    valueGetter: (_value, row) => formatPeriodRange(row.periodStart, row.periodEnd, zone),
  },
  {
    field: 'outcome',
    headerName: dryRun ? 'Would be' : 'Outcome',
    width: 120,
    renderCell: ({ row }) => (
      <Box sx={{ display: 'flex', alignItems: 'center', height: '100%' }}>
        <Chip
          size="small"
          variant="outlined"
          label={outcomeLooks[row.outcome].label}
          color={outcomeLooks[row.outcome].color}
        />
      </Box>
    ),
  },
  { field: 'reason', headerName: 'Reason', flex: 1, minWidth: 160 },
  {
    field: 'totalMinor',
    headerName: 'Total',
    width: 130,
    align: 'right',
    headerAlign: 'right',
    valueGetter: (_value, row) => money(row.totalMinor, row.currency),
  },
  {
    field: 'invoiceId',
    headerName: 'Invoice',
    width: 110,
    renderCell: ({ row }) =>
      row.invoiceId === null || dryRun ? null : (
        <Link component={RouterLink} to={invoicePath(row.invoiceId)}>
          Open
        </Link>
      ),
  },
]

const Count = ({ label, value }: { label: string; value: number }) => (
  <Box>
    <Typography variant="overline" component="div" sx={{ color: 'text.secondary' }}>
      {label}
    </Typography>
    <Typography variant="h6" component="div" data-testid={`run-${label.toLowerCase()}`}>
      {value}
    </Typography>
  </Box>
)

/** A run's counts and totals, then every subscription's outcome (a preview's would-be invoices). */
export const RunItems = ({ run, items }: { run: BillingRun; items: RunItem[] }) => {
  const zone = useBusinessZone()
  return (
    <Stack spacing={2}>
      <Stack direction="row" useFlexGap sx={{ gap: 4, flexWrap: 'wrap' }}>
        <Count label="Subscriptions" value={run.subscriptions} />
        <Count label="Created" value={run.created} />
        <Count label="Updated" value={run.updated} />
        <Count label="Skipped" value={run.skipped} />
        <Count label="Failed" value={run.failed} />
        <Box>
          <Typography variant="overline" component="div" sx={{ color: 'text.secondary' }}>
            Totals
          </Typography>
          <Typography variant="h6" component="div" data-testid="run-totals">
            {formatTotals(run.totals)}
          </Typography>
        </Box>
      </Stack>
      {run.error ? (
        <Typography variant="body2" color="error">
          {run.error}
        </Typography>
      ) : null}
      {items.length < run.subscriptions ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          Showing the first {items.length} of {run.subscriptions} subscriptions.
        </Typography>
      ) : null}
      <Box sx={{ height: 420, display: 'flex', flexDirection: 'column' }}>
        <DataGrid
          label={run.dryRun ? 'Preview' : 'Run items'}
          rows={items}
          columns={columns(run.dryRun, zone)}
          getRowId={(row) => `${row.subscriptionId}:${row.periodStart}`}
          density="compact"
          disableRowSelectionOnClick
          disableColumnMenu
          pageSizeOptions={[25, 50, 100]}
          initialState={{ pagination: { paginationModel: { pageSize: 25 } } }}
          localeText={{ noRowsLabel: 'No subscription was due for this period.' }}
        />
      </Box>
    </Stack>
  )
}
