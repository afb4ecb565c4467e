import Box from '@mui/material/Box'
import Chip from '@mui/material/Chip'
import Stack from '@mui/material/Stack'
import {
  DataGrid,
  type GridCellParams,
  type GridColDef,
  type GridRowParams,
} from '@mui/x-data-grid'
import type { PlanSummary } from '../../src-shared/domain/catalog'
import { formatInterval, formatMoney } from './catalog-format'

const columns: GridColDef<PlanSummary>[] = [
  {
    field: 'id',
    headerName: 'ID',
    width: 150,
    renderCell: ({ row }) => (
      <Box component="code" sx={{ fontFamily: 'monospace' }}>
        {row.id}
      </Box>
    ),
  },
  { field: 'name', headerName: 'Name', flex: 1, minWidth: 160 },
  {
    field: 'version',
    headerName: 'Version',
    width: 90,
    type: 'number',
    valueGetter: (_value, row) => row.current?.version ?? null,
  },
  {
    field: 'effectiveFrom',
    headerName: 'Effective from',
    width: 130,
    valueGetter: (_value, row) => row.current?.effectiveFrom ?? null,
  },
  {
    field: 'currency',
    headerName: 'Currency',
    width: 90,
    valueGetter: (_value, row) => row.current?.currency ?? null,
  },
  {
    field: 'basePrice',
    headerName: 'Base price',
    width: 130,
    align: 'right',
    headerAlign: 'right',
    // Sorting by the integer, not the formatted text, keeps 100.00 after 9.00.
    valueGetter: (_value, row) => row.current?.basePriceMinor ?? null,
    valueFormatter: (_value, row) =>
      row.current ? formatMoney(row.current.basePriceMinor, row.current.currency) : '',
  },
  {
    field: 'interval',
    headerName: 'Interval',
    width: 130,
    valueGetter: (_value, row) => (row.current ? formatInterval(row.current.interval) : null),
  },
  {
    field: 'featureCount',
    headerName: 'Features',
    width: 90,
    type: 'number',
    valueGetter: (_value, row) => row.current?.featureCount ?? null,
  },
  {
    field: 'status',
    headerName: 'Status',
    width: 170,
    sortable: false,
    renderCell: ({ row }) => (
      <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', height: '100%' }}>
        {row.current ? null : <Chip label="Not published" variant="outlined" />}
        {row.hasDraft ? <Chip label="Draft" color="warning" variant="outlined" /> : null}
      </Stack>
    ),
  },
]

type Props = {
  plans: readonly PlanSummary[]
  loading: boolean
  onOpen: (plan: PlanSummary) => void
}

/** Every plan with its current (newest published) version; a row opens the plan. */
export const PlanGrid = ({ plans, loading, onOpen }: Props) => (
  <DataGrid
    label="Plans"
    rows={plans}
    columns={columns}
    loading={loading}
    autoHeight
    density="compact"
    hideFooter={plans.length <= 100}
    disableColumnMenu
    disableRowSelectionOnClick
    onRowClick={({ row }: GridRowParams<PlanSummary>) => onOpen(row)}
    onCellKeyDown={({ row }: GridCellParams<PlanSummary>, event) => {
      if (event.key === 'Enter') onOpen(row)
    }}
    localeText={{ noRowsLabel: 'No plans yet. Create one, or import a catalog file.' }}
    slotProps={{ loadingOverlay: { variant: 'linear-progress', noRowsVariant: 'skeleton' } }}
    sx={{ '& .MuiDataGrid-row': { cursor: 'pointer' }, minHeight: 220 }}
  />
)
