import type { GridColDef } from '@mui/x-data-grid'
import type { AuditEntry, AuditPage, AuditSortField } from '../../src-shared/domain/audit'
import { formatDateTime } from '../format'
import { ServerGrid, type ServerPaging, type ServerSorting } from '../server-grid'
import { summarizeChange } from './change-summary'
import { pageSizes } from './filters'

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

/** The columns a click on the header sorts by, on the server. */
export const auditSortColumns: Partial<Record<string, AuditSortField>> = {
  at: 'time',
  operator: 'actor',
  action: 'channel',
}

type Props = Omit<ServerPaging, 'total'> & {
  page: AuditPage | undefined
  onOpen: (entry: AuditEntry) => void
  sorting: ServerSorting<AuditSortField>
}

export const AuditGrid = ({ page, ...rest }: Props) => (
  <ServerGrid
    label="Audit entries"
    rows={page?.entries ?? []}
    total={page?.total}
    columns={columns}
    pageSizeOptions={pageSizes}
    {...rest}
  />
)
