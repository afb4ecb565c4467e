import type { GridColDef, GridRowId, GridRowSelectionModel } from '@mui/x-data-grid'
import type { AlertSortField, UsageAlert } from '../../src-shared/domain/alerts'
import { formatDateTime, formatPeriod, formatQuantity } from '../format'
import { ServerGrid, type ServerPaging, type ServerSorting } from '../server-grid'

export const alertPageSizes = [25, 50, 100] as const

const columns: GridColDef<UsageAlert>[] = [
  {
    field: 'firedAt',
    headerName: 'Fired',
    width: 170,
    valueFormatter: (value: string) => formatDateTime(value),
  },
  {
    field: 'customerName',
    headerName: 'Customer',
    flex: 1,
    minWidth: 170,
    valueGetter: (_value, row) => `${row.customerName} (${row.customerId})`,
  },
  { field: 'metric', headerName: 'Metric', width: 140 },
  {
    field: 'periodStart',
    headerName: 'Period',
    width: 200,
    valueGetter: (_value, row) => formatPeriod(row.periodStart, row.periodEnd),
  },
  {
    field: 'threshold',
    headerName: 'Threshold',
    width: 100,
    align: 'right',
    headerAlign: 'right',
    valueFormatter: (value: number) => `${value}%`,
  },
  {
    field: 'used',
    headerName: 'Used of limit',
    width: 170,
    align: 'right',
    headerAlign: 'right',
    valueGetter: (_value, row) => `${formatQuantity(row.used)} / ${formatQuantity(row.limit)}`,
  },
  {
    field: 'acknowledgedAt',
    headerName: 'Acknowledged',
    width: 170,
    valueGetter: (_value, row) =>
      row.acknowledgedAt
        ? `${row.acknowledgedBy ?? ''}, ${formatDateTime(row.acknowledgedAt)}`
        : '—',
  },
]

/** The columns a click on the header sorts by, on the server. */
const sortColumns: Partial<Record<string, AlertSortField>> = {
  firedAt: 'fired',
  customerName: 'customer',
  metric: 'metric',
  periodStart: 'period',
  threshold: 'threshold',
}

type Props = ServerPaging & {
  rows: readonly UsageAlert[]
  sort: ServerSorting<AlertSortField>['sort']
  onSortChange: ServerSorting<AlertSortField>['onSortChange']
  selected: readonly number[]
  onSelect: (ids: number[]) => void
  selectable: boolean
}

/** The rows a selection model picks ("select all" comes as everything but some). */
const pickedIds = (model: GridRowSelectionModel, rows: readonly UsageAlert[]): number[] =>
  rows
    .filter((row) => row.acknowledgedAt === null)
    .map((row) => row.id)
    .filter((id) => (model.type === 'include' ? model.ids.has(id) : !model.ids.has(id)))

export const AlertGrid = ({
  sort,
  onSortChange,
  selected,
  onSelect,
  selectable,
  rows,
  ...rest
}: Props) => (
  <ServerGrid
    label="Usage alerts"
    rows={rows}
    columns={columns}
    pageSizeOptions={alertPageSizes}
    sorting={{ sort, onSortChange, fields: sortColumns }}
    checkboxSelection={selectable}
    isRowSelectable={({ row }) => row.acknowledgedAt === null}
    rowSelectionModel={{ type: 'include', ids: new Set<GridRowId>(selected) }}
    onRowSelectionModelChange={(model) => onSelect(pickedIds(model, rows))}
    {...rest}
  />
)
