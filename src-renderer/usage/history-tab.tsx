import ArrowBackOutlined from '@mui/icons-material/ArrowBackOutlined'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import {
  DataGrid,
  type GridCellParams,
  type GridColDef,
  type GridRowParams,
} from '@mui/x-data-grid'
import { useState } from 'react'
import type { UsageImport } from '../../src-shared/domain/usage'
import { ErrorAlert } from '../error-alert'
import { formatDateTime } from '../format'
import { ImportResult } from './import-result'
import { ImportStatusChip } from './import-status-chip'
import { useImports } from './queries'

const count = (field: keyof UsageImport, headerName: string): GridColDef<UsageImport> => ({
  field,
  headerName,
  type: 'number',
  width: 100,
})

const columns: GridColDef<UsageImport>[] = [
  {
    field: 'startedAt',
    headerName: 'Started',
    width: 190,
    valueFormatter: (value: string) => formatDateTime(value),
  },
  { field: 'fileName', headerName: 'File', flex: 1, minWidth: 180 },
  {
    field: 'status',
    headerName: 'Status',
    width: 120,
    renderCell: ({ row }) => (
      <Box sx={{ display: 'flex', alignItems: 'center', height: '100%' }}>
        <ImportStatusChip status={row.status} />
      </Box>
    ),
  },
  count('read', 'Read'),
  count('imported', 'Imported'),
  count('duplicates', 'Duplicates'),
  count('rejected', 'Rejected'),
  count('late', 'Late'),
  { field: 'operator', headerName: 'Operator', width: 140 },
]

const pageSizes = [25, 50, 100]

type Props = {
  /** The import whose result is open, from the URL; absent shows the list. */
  openId: string | undefined
  onOpen: (importId: string | undefined) => void
}

/** Every import, newest first; one opens as its result with rejects and their download. */
export const HistoryTab = ({ openId, onOpen }: Props) => {
  const [paging, setPaging] = useState({ page: 0, pageSize: 25 })
  const imports = useImports({ limit: paging.pageSize, offset: paging.page * paging.pageSize })

  if (openId) {
    return (
      <Box>
        <Box sx={{ mb: 1, ml: -0.5 }}>
          <Button startIcon={<ArrowBackOutlined />} onClick={() => onOpen(undefined)}>
            All imports
          </Button>
        </Box>
        <ImportResult importId={openId} />
      </Box>
    )
  }

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, minHeight: 420 }}>
      {imports.isError ? (
        <ErrorAlert
          error={imports.error}
          action={
            <Button color="inherit" onClick={() => void imports.refetch()}>
              Retry
            </Button>
          }
        />
      ) : null}
      <DataGrid
        label="Imports"
        rows={imports.data?.imports ?? []}
        columns={columns}
        rowCount={imports.data?.total ?? 0}
        paginationMode="server"
        paginationModel={paging}
        onPaginationModelChange={({ page, pageSize }) =>
          setPaging({ pageSize, page: pageSize === paging.pageSize ? page : 0 })
        }
        pageSizeOptions={pageSizes}
        loading={imports.isPending || imports.isPlaceholderData}
        density="compact"
        disableColumnSorting
        disableColumnFilter
        disableColumnMenu
        disableRowSelectionOnClick
        onRowClick={({ row }: GridRowParams<UsageImport>) => onOpen(row.id)}
        onCellKeyDown={({ row }: GridCellParams<UsageImport>, event) => {
          if (event.key === 'Enter') onOpen(row.id)
        }}
        localeText={{ noRowsLabel: 'No usage has been imported yet.' }}
        slotProps={{ loadingOverlay: { variant: 'linear-progress', noRowsVariant: 'skeleton' } }}
        sx={{ flex: '1 1 auto', '& .MuiDataGrid-row': { cursor: 'pointer' } }}
      />
    </Box>
  )
}
