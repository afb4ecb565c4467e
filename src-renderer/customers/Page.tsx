import { useCan } from '../session/queries'
import AddOutlined from '@mui/icons-material/AddOutlined'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import { useState } from 'react'
import { useNavigate, useSearchParams } from 'react-router'
import { ErrorAlert } from '../error-alert'
import { areas } from '../shell/areas'
import { PageHeader } from '../shell/page-header'
import { CommitField } from './commit-field'
import { CustomerDialog } from './customer-dialog'
import { customerPath } from './customer-path'
import { CustomerFilters } from './customer-filters'
import { CustomerGrid, customerSortColumns } from './customer-grid'
import { ImportCustomersButton } from './import-customers-button'
import { readListView, toListQuery, writeListView, type ListView } from './list-view'
import { useCustomerList } from './queries'

export const CustomersPage = () => {
  const [params, setParams] = useSearchParams()
  const view = readListView(params)
  const list = useCustomerList(toListQuery(view))
  const navigate = useNavigate()
  const [creating, setCreating] = useState(false)

  const can = useCan()
  const replaceView = (next: ListView, sync = false): void => {
    setParams(writeListView(next), { replace: true, flushSync: sync })
  }

  return (
    <>
      <PageHeader
        title={areas.customers.label}
        description="Who you bill, how to reach them, and the plan each one subscribes to."
        actions={
          <>
            {can('customers:import') ? <ImportCustomersButton /> : null}
            {can('customers:save') ? (
              <Button
                variant="contained"
                startIcon={<AddOutlined />}
                onClick={() => setCreating(true)}
              >
                New customer
              </Button>
            ) : null}
          </>
        }
      />
      <Stack role="search" direction="row" useFlexGap sx={{ mb: 2, gap: 2, flexWrap: 'wrap' }}>
        <CommitField
          label="Search"
          type="search"
          value={view.search}
          // A new search can leave the current page past the end: start at the first.
          onCommit={(search) => replaceView({ ...view, search, page: 0 }, true)}
          width={320}
        />
        <CustomerFilters view={view} onChange={(next) => replaceView(next)} />
      </Stack>
      {list.isError ? (
        <Box sx={{ mb: 2 }}>
          <ErrorAlert
            error={list.error}
            action={
              <Button color="inherit" onClick={() => void list.refetch()}>
                Retry
              </Button>
            }
          />
        </Box>
      ) : null}
      <Box sx={{ flex: '1 1 auto', minHeight: 420, display: 'flex', flexDirection: 'column' }}>
        <CustomerGrid
          rows={list.data?.customers ?? []}
          total={list.data?.total}
          loading={list.isFetching}
          paginationModel={{ page: view.page, pageSize: view.pageSize }}
          onPaginationModelChange={({ page, pageSize }) =>
            replaceView({ ...view, pageSize, page: pageSize === view.pageSize ? page : 0 })
          }
          sorting={{
            sort: view.sort,
            onSortChange: (sort) => replaceView({ ...view, sort, page: 0 }),
            fields: customerSortColumns,
          }}
          onOpen={(customer) => void navigate(customerPath(customer.externalId))}
          emptyLabel={
            view.search.trim() || view.plan || view.status
              ? 'No customer matches these filters.'
              : 'No customers yet. Add one, or import a CSV file.'
          }
        />
      </Box>
      {creating ? (
        <CustomerDialog
          onClose={() => setCreating(false)}
          onSaved={(customer) => void navigate(customerPath(customer.externalId))}
        />
      ) : null}
    </>
  )
}
