import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { useNavigate, useSearchParams } from 'react-router'
import { invoiceStatuses } from '../../src-shared/domain/billing'
import { CommitField } from '../customers/commit-field'
import { ErrorAlert } from '../error-alert'
import { areas } from '../shell/areas'
import { PageHeader } from '../shell/page-header'
import { ExportCsvMenu } from './export-menu'
import { InvoiceGrid, invoiceSortColumns } from './invoice-grid'
import { invoicePath } from './invoice-path'
import {
  isPeriod,
  pageSizes,
  readInvoiceView,
  toInvoiceQuery,
  writeInvoiceView,
  type InvoiceListView,
} from './list-view'
import { formatTotals } from './money'
import { useInvoiceList } from './queries'
import { invoiceStatusLooks } from './status-chip'

export const InvoicesPage = () => {
  const [params, setParams] = useSearchParams()
  const view = readInvoiceView(params)
  const query = toInvoiceQuery(view)
  const list = useInvoiceList(query)
  const navigate = useNavigate()
  const [exportError, setExportError] = useState<unknown>(null)

  const replaceView = (next: InvoiceListView, sync = false): void => {
    // Any new filter can leave the current page past the end: start at the first.
    setParams(writeInvoiceView(next), { replace: true, flushSync: sync })
  }
  // The counts answer for the other filters, so they stay put while a chip is chosen.
  const counts = list.data?.statusCounts
  const filtered =
    view.overdue || view.status !== null || query.period !== undefined || query.search !== undefined

  return (
    <>
      <PageHeader
        title={areas.invoices.label}
        description="Drafts from billing runs, finalized invoices and what became of them."
        actions={
          <ExportCsvMenu
            filter={{
              ...(view.status ? { status: view.status } : {}),
              ...(query.period ? { period: query.period } : {}),
            }}
            onError={setExportError}
          />
        }
      />
      <Stack role="search" spacing={1.5} sx={{ mb: 2 }}>
        <Stack
          direction="row"
          useFlexGap
          sx={{ gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}
        >
          <CommitField
            label="Search"
            type="search"
            value={view.search}
            onCommit={(search) => replaceView({ ...view, search, page: 0 }, true)}
            width={280}
          />
          <TextField
            label="Period"
            placeholder="YYYY-MM"
            value={view.period}
            onChange={(event) => replaceView({ ...view, period: event.target.value, page: 0 })}
            error={view.period !== '' && !isPeriod(view.period)}
            helperText={view.period !== '' && !isPeriod(view.period) ? 'A month as YYYY-MM' : ' '}
            sx={{ width: 160 }}
          />
        </Stack>
        <Stack
          direction="row"
          useFlexGap
          role="group"
          aria-label="Status"
          sx={{ gap: 1, flexWrap: 'wrap' }}
        >
          <Chip
            label="All"
            color={view.status === null && !view.overdue ? 'primary' : 'default'}
            variant={view.status === null && !view.overdue ? 'filled' : 'outlined'}
            aria-pressed={view.status === null && !view.overdue}
            onClick={() => replaceView({ ...view, status: null, overdue: false, page: 0 })}
          />
          {invoiceStatuses.map((status) => (
            <Chip
              key={status}
              label={`${invoiceStatusLooks[status].label} (${counts?.[status] ?? '…'})`}
              color={view.status === status ? 'primary' : 'default'}
              variant={view.status === status ? 'filled' : 'outlined'}
              aria-pressed={view.status === status}
              onClick={() => replaceView({ ...view, status, overdue: false, page: 0 })}
            />
          ))}
          <Chip
            label={`Overdue (${counts?.overdue ?? '…'})`}
            color={view.overdue ? 'primary' : 'default'}
            variant={view.overdue ? 'filled' : 'outlined'}
            aria-pressed={view.overdue}
            onClick={() => replaceView({ ...view, status: null, overdue: true, page: 0 })}
          />
        </Stack>
      </Stack>
      {list.isError || exportError ? (
        <Box sx={{ mb: 2 }}>
          <ErrorAlert
            error={list.isError ? list.error : exportError}
            action={
              <Button
                color="inherit"
                onClick={() => {
                  setExportError(null)
                  void list.refetch()
                }}
              >
                {list.isError ? 'Retry' : 'Dismiss'}
              </Button>
            }
          />
        </Box>
      ) : null}
      <Typography variant="body2" sx={{ mb: 1 }} aria-live="polite" data-testid="invoice-totals">
        {list.data
          ? `${list.data.total} invoice${list.data.total === 1 ? '' : 's'} · total ${formatTotals(list.data.totals)}`
          : ' '}
      </Typography>
      <Box sx={{ flex: '1 1 auto', minHeight: 420, display: 'flex', flexDirection: 'column' }}>
        <InvoiceGrid
          rows={list.data?.invoices ?? []}
          total={list.data?.total}
          loading={list.isFetching}
          paginationModel={{ page: view.page, pageSize: view.pageSize }}
          onPaginationModelChange={({ page, pageSize }) =>
            replaceView({ ...view, pageSize, page: pageSize === view.pageSize ? page : 0 })
          }
          pageSizeOptions={pageSizes}
          sorting={{
            sort: view.sort,
            onSortChange: (sort) => replaceView({ ...view, sort, page: 0 }),
            fields: invoiceSortColumns,
          }}
          onOpen={(invoice) => void navigate(invoicePath(invoice.id))}
          emptyLabel={
            filtered
              ? 'No invoice matches these filters.'
              : 'No invoices yet. Run billing to draft them.'
          }
        />
      </Box>
    </>
  )
}
