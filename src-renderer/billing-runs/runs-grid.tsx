import Box from '@mui/material/Box'
import type { GridColDef } from '@mui/x-data-grid'
import type { BillingRun, BillingRunTrigger } from '../../src-shared/domain/billing'
import { formatDateTime } from '../format'
import { formatTotals } from '../invoices/money'
import { ServerGrid, type ServerPaging } from '../server-grid'
import { formatDuration } from './period'
import { RunStatusChip } from './run-status-chip'

const triggerLabels: Record<BillingRunTrigger, string> = {
  manual: 'Manual',
  schedule: 'Schedule',
  cli: 'Command line',
}

export const periodLabel = (run: Pick<BillingRun, 'period'>): string =>
  run.period ?? 'Every ended period (catch-up)'

const count = (field: keyof BillingRun, headerName: string): GridColDef<BillingRun> => ({
  field,
  headerName,
  type: 'number',
  width: 80,
})

const columns: GridColDef<BillingRun>[] = [
  {
    field: 'period',
    headerName: 'Period',
    width: 130,
    valueGetter: (_value, row) => periodLabel(row),
  },
  {
    field: 'startedAt',
    headerName: 'Started',
    width: 175,
    valueFormatter: (value: string) => formatDateTime(value),
  },
  {
    field: 'durationMs',
    headerName: 'Duration',
    width: 85,
    valueFormatter: (value: number | null) => formatDuration(value),
  },
  {
    field: 'trigger',
    headerName: 'Trigger',
    width: 105,
    valueFormatter: (value: BillingRunTrigger) => triggerLabels[value],
  },
  { field: 'operator', headerName: 'Operator', width: 100 },
  count('created', 'Created'),
  count('updated', 'Updated'),
  count('skipped', 'Skipped'),
  count('failed', 'Failed'),
  {
    field: 'totals',
    headerName: 'Totals',
    flex: 1,
    minWidth: 120,
    valueGetter: (_value, row) => formatTotals(row.totals),
  },
  {
    field: 'status',
    headerName: 'Status',
    width: 210,
    renderCell: ({ row }) => (
      <Box sx={{ display: 'flex', alignItems: 'center', height: '100%' }}>
        <RunStatusChip run={row} />
      </Box>
    ),
  },
]

type Props = Omit<ServerPaging, 'emptyLabel'> & {
  rows: readonly BillingRun[]
  onOpen: (run: BillingRun) => void
}

export const pageSizes = [25, 50, 100] as const

/** Every billing run, newest first; a row opens its result. */
export const RunsGrid = (props: Props) => (
  <ServerGrid
    label="Billing runs"
    columns={columns}
    pageSizeOptions={pageSizes}
    emptyLabel="No billing runs yet. Start one with New run."
    {...props}
  />
)
