import Box from '@mui/material/Box'
import Chip from '@mui/material/Chip'
import type { GridColDef } from '@mui/x-data-grid'
import type { UsageEvent, UsageSortField } from '../../src-shared/domain/usage'
import { formatQuantity } from '../customers/formats'
import { formatDateTime } from '../format'
import { ServerGrid, type ServerPaging, type ServerSorting } from '../server-grid'
import { eventPageSizes } from './explorer-view'

const mono = { fontFamily: 'monospace', fontSize: 12 } as const

const columns: GridColDef<UsageEvent>[] = [
  {
    field: 'timestamp',
    headerName: 'Timestamp',
    width: 190,
    valueFormatter: (value: string) => formatDateTime(value),
  },
  {
    field: 'customerId',
    headerName: 'Customer',
    width: 150,
    renderCell: ({ row }) => (
      <Box component="code" sx={mono}>
        {row.customerId}
      </Box>
    ),
  },
  { field: 'metric', headerName: 'Metric', width: 150 },
  {
    field: 'quantity',
    headerName: 'Quantity',
    width: 130,
    align: 'right',
    headerAlign: 'right',
    valueFormatter: (value: string) => formatQuantity(value),
  },
  {
    field: 'eventId',
    headerName: 'Event id',
    flex: 1,
    minWidth: 160,
    renderCell: ({ row }) => (
      <Box component="code" sx={mono}>
        {row.eventId}
      </Box>
    ),
  },
  {
    field: 'importId',
    headerName: 'Import',
    width: 140,
    renderCell: ({ row }) => (
      <Box component="code" sx={mono} title={row.importId}>
        {row.importId}
      </Box>
    ),
  },
  {
    field: 'late',
    headerName: 'Late',
    width: 80,
    renderCell: ({ row }) =>
      row.late ? (
        <Box sx={{ display: 'flex', alignItems: 'center', height: '100%' }}>
          <Chip label="Late" color="warning" variant="outlined" />
        </Box>
      ) : null,
  },
]

/** The columns a click on the header sorts by, on the server (each walks an index). */
export const eventSortColumns: Partial<Record<string, UsageSortField>> = {
  timestamp: 'time',
  metric: 'metric',
}

type Props = ServerPaging & {
  rows: readonly UsageEvent[]
  sorting: ServerSorting<UsageSortField>
}

export const EventsGrid = (props: Props) => (
  <ServerGrid
    label="Usage events"
    columns={columns}
    getRowId={(row) => row.eventId}
    pageSizeOptions={eventPageSizes}
    {...props}
  />
)
