import Box from '@mui/material/Box'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { useNavigate } from 'react-router'
import type { ListSort } from '../../src-shared/domain/list-sort'
import type {
  DisputeListQuery,
  DisputeSortField,
  DisputeSource,
  DisputeStatus,
} from '../../src-shared/domain/disputes'
import { ErrorAlert } from '../error-alert'
import { useBusinessZone } from '../invoices/period-format'
import { areas } from '../shell/areas'
import { PageHeader } from '../shell/page-header'
import { DisputeGrid, disputePageSizes } from './dispute-grid'
import { useDisputeList } from './queries'

type View = {
  status: DisputeStatus | ''
  source: DisputeSource | ''
  customer: string
  sort: ListSort<DisputeSortField> | null
  page: number
  pageSize: number
}

const statuses = {
  '': 'Any status',
  open: 'Open',
  under_review: 'Under review',
  resolved: 'Resolved',
} as const
const sources = { '': 'Any source', manual: 'Flagged here', stripe: 'From Stripe' } as const

const queryOf = (view: View): DisputeListQuery => ({
  limit: view.pageSize,
  offset: view.page * view.pageSize,
  ...(view.status ? { status: view.status } : {}),
  ...(view.source ? { source: view.source } : {}),
  ...(view.customer.trim() ? { customer: view.customer.trim() } : {}),
  ...(view.sort ? { sort: view.sort } : {}),
})

/** `/disputes`: every dispute, flagged here or brought in from Stripe, filtered on the server. */
export const DisputesPage = () => {
  const navigate = useNavigate()
  const zone = useBusinessZone()
  const [view, setView] = useState<View>({
    status: '',
    source: '',
    customer: '',
    sort: null,
    page: 0,
    pageSize: disputePageSizes[0],
  })
  const list = useDisputeList(queryOf(view))
  const pick = <K extends 'status' | 'source'>(key: K, options: Record<View[K], string>) => (
    <TextField
      select
      label={key === 'status' ? 'Status' : 'Source'}
      value={view[key]}
      onChange={(event) => {
        const value = Object.keys(options).find((option) => option === event.target.value)
        setView({ ...view, [key]: value ?? '', page: 0 })
      }}
      sx={{ width: 200 }}
    >
      {Object.entries<string>(options).map(([value, label]) => (
        <MenuItem key={value} value={value}>
          {label}
        </MenuItem>
      ))}
    </TextField>
  )
  return (
    <>
      <PageHeader
        title={areas.disputes.label}
        description="Invoices customers contest: open, under review, resolved. Flag one from its invoice's page; Stripe's arrive with the event sync."
      />
      <Stack role="search" direction="row" useFlexGap sx={{ gap: 2, flexWrap: 'wrap', mb: 1 }}>
        {pick('status', statuses)}
        {pick('source', sources)}
        <TextField
          label="Customer id"
          value={view.customer}
          onChange={(event) => setView({ ...view, customer: event.target.value, page: 0 })}
          sx={{ width: 200 }}
        />
      </Stack>
      {list.isError ? (
        <Box sx={{ mb: 2 }}>
          <ErrorAlert error={list.error} />
        </Box>
      ) : null}
      <Typography variant="body2" sx={{ mb: 1 }} aria-live="polite">
        {list.data ? `${list.data.total} dispute${list.data.total === 1 ? '' : 's'}` : ' '}
      </Typography>
      <Box sx={{ minHeight: 360, display: 'flex', flexDirection: 'column', mb: 3 }}>
        <DisputeGrid
          rows={list.data?.disputes ?? []}
          total={list.data?.total}
          loading={list.isFetching}
          zone={zone}
          paginationModel={{ page: view.page, pageSize: view.pageSize }}
          onPaginationModelChange={({ page, pageSize }) =>
            setView({ ...view, pageSize, page: pageSize === view.pageSize ? page : 0 })
          }
          sort={view.sort}
          onSortChange={(sort) => setView({ ...view, sort, page: 0 })}
          onOpen={(row) => void navigate(`/disputes/${row.id}`)}
          emptyLabel={
            view.status || view.source || view.customer
              ? 'Nothing matches these filters.'
              : 'No disputes: flag one from an invoice, or sync Stripe.'
          }
        />
      </Box>
    </>
  )
}
