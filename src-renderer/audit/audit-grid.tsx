import {
  DataGrid,
  type GridCellParams,
  type GridColDef,
  type GridPaginationModel,
  type GridRowParams,
} from '@mui/x-data-grid'
import type { AuditEntry, AuditPage } from '../../src-shared/domain/audit'
import { formatDateTime } from '../format'
import { summarizeChange } from './change-summary'
import { pageSizes } from './filters'

// Sorting and column menus are off: the server orders newest first and pages over that order,
// so a client-side sort would only reorder the visible page and mislead.
const columns: GridColDef<AuditEntry>[] = [
  {
    field: 'at',
    headerName: 'When',
    width: 190,
    valueFormatter: (value: string) => formatDateTime(value),
  },
  { field: 'operator', headerName: 'Operator', width: 150 },
  { field: 'action', headerName: 'Action', width: 190 },
  {
    field: 'entity',
    headerName: 'Entity',
    flex: 1,
    minWidth: 160,
    valueGetter: (_value, row) => `${row.entityType} ${row.entityId}`,
  },
  {
    field: 'change',
    headerName: 'Change',
    flex: 1.5,
    minWidth: 200,
    valueGetter: (_value, row) => summarizeChange(row),
  },
]

type Props = {
  page: AuditPage | undefined
  loading: boolean
  paginationModel: GridPaginationModel
  onPaginationModelChange: (model: GridPaginationModel) => void
  onOpen: (entry: AuditEntry) => void
  emptyLabel: string
}

export const AuditGrid = ({
  page,
  loading,
  paginationModel,
  onPaginationModelChange,
  onOpen,
  emptyLabel,
}: Props) => (
  <DataGrid
    label="Audit entries"
    rows={page?.entries ?? []}
    columns={columns}
    // Until the first page arrives, claim enough rows for the requested page to exist, so the
    // grid does not clamp a bookmarked page back to the first one.
    rowCount={page?.total ?? (paginationModel.page + 1) * paginationModel.pageSize}
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
    onRowClick={({ row }: GridRowParams<AuditEntry>) => onOpen(row)}
    onCellKeyDown={({ row }: GridCellParams<AuditEntry>, event) => {
      if (event.key === 'Enter') onOpen(row)
    }}
    localeText={{ noRowsLabel: emptyLabel }}
    slotProps={{ loadingOverlay: { variant: 'linear-progress', noRowsVariant: 'skeleton' } }}
    sx={{ '& .MuiDataGrid-row': { cursor: 'pointer' } }}
  />
)
