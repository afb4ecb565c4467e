import Alert from '@mui/material/Alert'
import AlertTitle from '@mui/material/AlertTitle'
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
  // A period that could not be billed: it has no invoice, and the next run tries it again.
  failed: { label: 'Unbilled', color: 'error' },
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

const Count = ({ label, value, id }: { label: string; value: number; id?: string }) => (
  <Box>
    <Typography variant="overline" component="div" sx={{ color: 'text.secondary' }}>
      {label}
    </Typography>
    <Typography variant="h6" component="div" data-testid={`run-${id ?? label.toLowerCase()}`}>
      {value}
    </Typography>
  </Box>
)

/** Every period a run looked at: one per invoice it wrote or kept, skipped or unbilled. */
const itemCount = (run: BillingRun): number => run.invoices + run.skipped + run.failed

/**
 * The periods that could not be billed, each with its reason, above the grid: they have no
 * invoice, so nothing else on the page would show them missing.
 */
const UnbilledPeriods = ({ items, zone }: { items: RunItem[]; zone: string }) => {
  const unbilled = items.filter((i) => i.outcome === 'failed')
  if (unbilled.length === 0) return null
  return (
    <Alert severity="error" aria-label="Unbilled periods">
      <AlertTitle>
        {unbilled.length === 1 ? '1 period' : `${unbilled.length} periods`} could not be billed
      </AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2 }}>
        {unbilled.slice(0, 10).map((i) => (
          <li key={`${i.subscriptionId}:${i.periodStart}`}>
            {i.customerName} ({i.customerId}),{' '}
            {i.periodStart ? formatPeriodRange(i.periodStart, i.periodEnd, zone) : 'no period'}:{' '}
            {i.reason}
          </li>
        ))}
      </Box>
      {unbilled.length > 10 ? `And ${unbilled.length - 10} more, in the grid below.` : null}
    </Alert>
  )
}

/** A run's counts and totals, then every period's outcome (a preview's would-be invoices). */
export const RunItems = ({ run, items }: { run: BillingRun; items: RunItem[] }) => {
  const zone = useBusinessZone()
  return (
    <Stack spacing={2}>
      <Stack direction="row" useFlexGap sx={{ gap: 4, flexWrap: 'wrap' }}>
        <Count label="Subscriptions" value={run.subscriptions} />
        <Count label="Created" value={run.created} />
        <Count label="Updated" value={run.updated} />
        <Count label="Skipped" value={run.skipped} />
        <Count label="Unbilled" id="failed" value={run.failed} />
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
      <UnbilledPeriods items={items} zone={zone} />
      {items.length < itemCount(run) ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          Showing the first {items.length} of {itemCount(run)} periods.
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
