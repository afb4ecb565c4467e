import {
  DataGrid,
  type DataGridProps,
  type GridCellParams,
  type GridColDef,
  type GridPaginationModel,
  type GridRowParams,
  type GridValidRowModel,
} from '@mui/x-data-grid'

/** What a page hands a server-paged grid: where it is, how many rows exist, what an empty page says. */
export type ServerPaging = {
  /** Undefined until the server has answered. */
  total: number | undefined
  loading: boolean
  paginationModel: GridPaginationModel
  onPaginationModelChange: (model: GridPaginationModel) => void
  emptyLabel: string
}

type OwnProps<R extends GridValidRowModel> = ServerPaging & {
  /** The grid's accessible name. */
  label: string
  rows: readonly R[]
  columns: readonly GridColDef<R>[]
  pageSizeOptions: readonly number[]
  /** Opens a row on click or Enter; the rows then show a pointer. */
  onOpen?: (row: R) => void
}

// Fixed for every server-paged list, so a grid cannot switch one back on by accident.
type Fixed =
  | 'rowCount'
  | 'paginationMode'
  | 'density'
  | 'disableColumnSorting'
  | 'disableColumnFilter'
  | 'disableColumnMenu'
  | 'disableRowSelectionOnClick'
  | 'localeText'
  | 'slotProps'

/** The shared setup plus any other DataGrid prop a grid needs (selection, getRowId, cell handlers...). */
export type ServerGridProps<R extends GridValidRowModel> = OwnProps<R> &
  Omit<DataGridProps<R>, keyof OwnProps<R> | Fixed>

type OpenProps<R extends GridValidRowModel> = Pick<
  DataGridProps<R>,
  'onRowClick' | 'onCellKeyDown' | 'sx'
>

/** A click or Enter on a row opens it; the pointer says the rows can be clicked. */
const openProps = <R extends GridValidRowModel>(onOpen: (row: R) => void): OpenProps<R> => ({
  onRowClick: ({ row }: GridRowParams<R>) => onOpen(row),
  onCellKeyDown: ({ row }: GridCellParams<R>, event) => {
    if (event.key === 'Enter') onOpen(row)
  },
  sx: { '& .MuiDataGrid-row': { cursor: 'pointer' } },
})

/**
 * A grid over one page of a server-ordered list. Sorting, filtering and column menus are off: the
 * server orders and pages, so a client-side sort would only reorder the visible page and mislead.
 */
export const ServerGrid = <R extends GridValidRowModel>({
  total,
  paginationModel,
  emptyLabel,
  onOpen,
  ...grid
}: ServerGridProps<R>) => (
  <DataGrid<R>
    {...grid}
    // Until the first page arrives, claim enough rows for the requested page to exist, so the
    // grid does not clamp a bookmarked page back to the first one.
    rowCount={total ?? (paginationModel.page + 1) * paginationModel.pageSize}
    paginationMode="server"
    paginationModel={paginationModel}
    density="compact"
    disableColumnSorting
    disableColumnFilter
    disableColumnMenu
    disableRowSelectionOnClick
    localeText={{ noRowsLabel: emptyLabel }}
    slotProps={{ loadingOverlay: { variant: 'linear-progress', noRowsVariant: 'skeleton' } }}
    {...(onOpen && openProps(onOpen))}
  />
)
