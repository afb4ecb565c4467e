import Box from '@mui/material/Box'
import Chip from '@mui/material/Chip'
import Tooltip from '@mui/material/Tooltip'
import type { GridCellParams, GridColDef, GridRowId, GridRowSelectionModel } from '@mui/x-data-grid'
import type { ListSort } from '../../src-shared/domain/list-sort'
import type { Failure, FailureSortField, RetryStrategy } from '../../src-shared/domain/payments'
import { formatDateTime } from '../format'
import { money } from '../invoices/money'
import { ServerGrid, type ServerPaging } from '../server-grid'
import {
  age,
  errorText,
  failureStatusLooks,
  fromNow,
  operationLabels,
  strategyLooks,
} from './labels'
import { pageSizes } from './view'

export const StrategyChip = ({ strategy }: { strategy: RetryStrategy }) => {
  const { label, color, hint } = strategyLooks[strategy]
  return (
    <Tooltip title={hint}>
      <Chip size="small" label={label} color={color} variant="outlined" />
    </Tooltip>
  )
}

const centred = { display: 'flex', alignItems: 'center', height: '100%' } as const

/** What comes next: the planned attempt, a snooze, or the person it waits for. */
const nextText = (row: Failure): string => {
  if (row.status !== 'open') return failureStatusLooks[row.status].label
  if (row.snoozedUntil && Date.parse(row.snoozedUntil) > Date.now())
    return `Snoozed ${fromNow(row.snoozedUntil)}`
  if (row.nextAttemptAt) return fromNow(row.nextAttemptAt)
  return 'Waits for you'
}

const columns: GridColDef<Failure>[] = [
  {
    field: 'customerName',
    headerName: 'Customer',
    flex: 1,
    minWidth: 150,
    valueGetter: (_value, row) =>
      row.customerName ? `${row.customerName} (${row.customerId ?? ''})` : '—',
  },
  {
    field: 'invoiceNumber',
    headerName: 'Invoice',
    width: 140,
    valueGetter: (_value, row) => row.invoiceNumber ?? '—',
  },
  {
    field: 'operation',
    headerName: 'Operation',
    width: 110,
    valueGetter: (_value, row) => operationLabels[row.operation],
  },
  {
    field: 'amountMinor',
    headerName: 'Amount',
    width: 100,
    align: 'right',
    headerAlign: 'right',
    valueGetter: (_value, row) =>
      row.amountMinor !== null && row.currency ? money(row.amountMinor, row.currency) : '—',
  },
  {
    field: 'error',
    headerName: 'Error',
    flex: 1,
    minWidth: 180,
    valueGetter: (_value, row) => errorText(row),
  },
  {
    field: 'strategy',
    headerName: 'Strategy',
    width: 120,
    renderCell: ({ row }) => (
      <Box sx={centred}>
        <StrategyChip strategy={row.strategy} />
      </Box>
    ),
  },
  {
    field: 'attempts',
    headerName: 'Attempts',
    width: 80,
    align: 'right',
    headerAlign: 'right',
    valueGetter: (_value, row) => `${row.attempts} / ${row.maxAttempts}`,
  },
  {
    field: 'next',
    headerName: 'Next attempt',
    width: 130,
    renderCell: ({ row }) => {
      const at = row.status === 'open' ? (row.snoozedUntil ?? row.nextAttemptAt) : row.resolvedAt
      return at ? (
        <Tooltip title={formatDateTime(at)}>
          <span>{nextText(row)}</span>
        </Tooltip>
      ) : (
        nextText(row)
      )
    },
  },
  {
    field: 'createdAt',
    headerName: 'Age',
    width: 80,
    valueGetter: (_value, row) => age(row.createdAt),
  },
]

/** The columns a click on the header sorts by, on the server. */
const sortColumns: Partial<Record<string, FailureSortField>> = {
  amountMinor: 'amount',
  attempts: 'attempts',
  next: 'nextAttempt',
  createdAt: 'created',
}

type Props = ServerPaging & {
  sort: ListSort<FailureSortField> | null
  onSortChange: (sort: ListSort<FailureSortField> | null) => void
  failures: Failure[]
  selection: readonly number[]
  onSelectionChange: (ids: number[]) => void
  onOpen: (failure: Failure) => void
}

/** The ids a selection model stands for among the rows on screen ("all but" included). */
const selectedIds = (model: GridRowSelectionModel, rows: readonly Failure[]): number[] =>
  rows
    .map((row) => row.id)
    .filter((id) => (model.type === 'include' ? model.ids.has(id) : !model.ids.has(id)))

export const FailureGrid = ({
  failures,
  selection,
  onSelectionChange,
  onOpen,
  sort,
  onSortChange,
  ...paging
}: Props) => (
  <ServerGrid
    label="Failures"
    rows={failures}
    columns={columns}
    pageSizeOptions={pageSizes}
    {...paging}
    sorting={{ sort, onSortChange, fields: sortColumns }}
    checkboxSelection
    rowSelectionModel={{ type: 'include', ids: new Set<GridRowId>(selection) }}
    onRowSelectionModelChange={(model) => onSelectionChange(selectedIds(model, failures))}
    // Cell clicks, not row clicks: a click on the selection checkbox must not open the detail.
    onCellClick={({ row, field }: GridCellParams<Failure>) => {
      if (field !== '__check__') onOpen(row)
    }}
    onCellKeyDown={({ row, field }: GridCellParams<Failure>, event) => {
      if (event.key === 'Enter' && field !== '__check__') onOpen(row)
    }}
    sx={{ '& .MuiDataGrid-row': { cursor: 'pointer' } }}
  />
)
