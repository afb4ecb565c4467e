import {
  DataGrid,
  type DataGridProps,
  type GridCellParams,
  type GridColDef,
  type GridPaginationModel,
  type GridRowParams,
  type GridSortModel,
  type GridValidRowModel,
} from '@mui/x-data-grid'
import type { ListSort } from '../src-shared/domain/list-sort'

/** What a page hands a server-paged grid: where it is, how many rows exist, what an empty page says. */
export type ServerPaging = {
  /** Undefined until the server has answered. */
  total: number | undefined
  loading: boolean
  paginationModel: GridPaginationModel
  onPaginationModelChange: (model: GridPaginationModel) => void
  emptyLabel: string
}

/**
 * Sorting by the server: a click on a sortable header asks the server for that order (from the
 * first page), never a reorder of the rows already shown.
 */
export type ServerSorting<F extends string> = {
  sort: ListSort<F> | null
  onSortChange(sort: ListSort<F> | null): void
  /** Column field → the list's sort field; the other columns do not sort. */
  fields: Partial<Record<string, F>>
}

type OwnProps<R extends GridValidRowModel> = ServerPaging & {
  /** Without it, no column sorts. */
  sorting?: ServerSorting<string> | undefined
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
  | 'sortingMode'
  | 'sortModel'
  | 'onSortModelChange'
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

const sortProps = <R extends GridValidRowModel>(
  sorting: ServerSorting<string>,
  columns: readonly GridColDef<R>[],
): Pick<DataGridProps<R>, 'columns' | 'sortingMode' | 'sortModel' | 'onSortModelChange'> => {
  const columnOf = Object.entries(sorting.fields).find(([, f]) => f === sorting.sort?.field)?.[0]
  const model: GridSortModel =
    sorting.sort && columnOf ? [{ field: columnOf, sort: sorting.sort.direction }] : []
  return {
    columns: columns.map((column) => ({
      ...column,
      sortable: sorting.fields[column.field] !== undefined,
    })),
    sortingMode: 'server',
    sortModel: model,
    onSortModelChange: ([first]) => {
      const field = first ? sorting.fields[first.field] : undefined
      sorting.onSortChange(field && first?.sort ? { field, direction: first.sort } : null)
    },
  }
}

/**
 * A grid over one page of a server-ordered list. Filtering and column menus are off, and so is
 * sorting unless the list sorts on the server (`sorting`): a client-side sort would only reorder
 * the visible page and mislead.
 */
export const ServerGrid = <R extends GridValidRowModel>({
  total,
  paginationModel,
  emptyLabel,
  onOpen,
  sorting,
  columns,
  ...grid
}: ServerGridProps<R>) => (
  <DataGrid<R>
    {...grid}
    columns={columns}
    // Until the first page arrives, claim enough rows for the requested page to exist, so the
    // grid does not clamp a bookmarked page back to the first one.
    rowCount={total ?? (paginationModel.page + 1) * paginationModel.pageSize}
    paginationMode="server"
    paginationModel={paginationModel}
    density="compact"
    disableColumnSorting={sorting === undefined}
    {...(sorting && sortProps(sorting, columns))}
    disableColumnFilter
    disableColumnMenu
    disableRowSelectionOnClick
    localeText={{ noRowsLabel: emptyLabel }}
    slotProps={{ loadingOverlay: { variant: 'linear-progress', noRowsVariant: 'skeleton' } }}
    {...(onOpen && openProps(onOpen))}
  />
)
