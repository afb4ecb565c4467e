import DoneAllOutlined from '@mui/icons-material/DoneAllOutlined'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import type { AlertQuery, AlertSortField } from '../../src-shared/domain/alerts'
import type { ListSort } from '../../src-shared/domain/list-sort'
import { ErrorAlert } from '../error-alert'
import { useCan } from '../session/queries'
import { areas } from '../shell/areas'
import { PageHeader } from '../shell/page-header'
import { AlertGrid, alertPageSizes } from './alert-grid'
import { useAcknowledge, useAlertList } from './queries'

type Filters = {
  customer: string
  metric: string
  threshold: string
  period: string
  acknowledged: '' | 'yes' | 'no'
}

type View = Filters & {
  sort: ListSort<AlertSortField> | null
  page: number
  pageSize: number
}

const states = { '': 'Any', no: 'Not acknowledged', yes: 'Acknowledged' } as const

/** The typed filters as the channel takes them; a half-typed period is left out until whole. */
const queryOf = (view: View): AlertQuery => ({
  limit: view.pageSize,
  offset: view.page * view.pageSize,
  ...(view.customer.trim() ? { customer: view.customer.trim() } : {}),
  ...(view.metric.trim() ? { metric: view.metric.trim() } : {}),
  ...(/^\d{1,4}$/.test(view.threshold) ? { threshold: Number(view.threshold) } : {}),
  ...(/^\d{4}-(0[1-9]|1[0-2])$/.test(view.period) ? { period: view.period } : {}),
  ...(view.acknowledged ? { acknowledged: view.acknowledged === 'yes' } : {}),
  ...(view.sort ? { sort: view.sort } : {}),
})

/** Usage alerts fired by imports: filtered, sorted and paged on the server, acknowledged here. */
export const AlertsPage = () => {
  const [view, setView] = useState<View>({
    customer: '',
    metric: '',
    threshold: '',
    period: '',
    acknowledged: '',
    sort: null,
    page: 0,
    pageSize: alertPageSizes[0],
  })
  const [selected, setSelected] = useState<number[]>([])
  const list = useAlertList(queryOf(view))
  const acknowledge = useAcknowledge()
  const can = useCan()
  const filtered =
    view.customer || view.metric || view.threshold || view.period || view.acknowledged
  const text = (key: keyof Omit<Filters, 'acknowledged'>, label: string, width = 180) => (
    <TextField
      label={label}
      value={view[key]}
      onChange={(event) => setView({ ...view, [key]: event.target.value, page: 0 })}
      sx={{ width }}
      {...(key === 'period' ? { placeholder: 'YYYY-MM' } : {})}
    />
  )
  return (
    <>
      <PageHeader
        title={areas.alerts.label}
        description="Customers whose usage reached a threshold of their plan (percent of a quota or of the included units), once per period."
        actions={
          <Button
            variant="contained"
            startIcon={<DoneAllOutlined />}
            sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
            disabled={selected.length === 0 || acknowledge.isPending || !can('alerts:acknowledge')}
            onClick={() => acknowledge.mutate(selected, { onSuccess: () => setSelected([]) })}
          >
            Acknowledge{selected.length > 0 ? ` ${selected.length}` : ''}
          </Button>
        }
      />
      <Stack role="search" direction="row" useFlexGap sx={{ gap: 2, flexWrap: 'wrap', mb: 1 }}>
        {text('customer', 'Customer')}
        {text('metric', 'Metric')}
        {text('threshold', 'Threshold %', 120)}
        {text('period', 'Period', 130)}
        <TextField
          select
          label="Acknowledged"
          value={view.acknowledged}
          onChange={(event) => {
            const value = Object.keys(states).find((s) => s === event.target.value)
            setView({ ...view, acknowledged: (value ?? '') as Filters['acknowledged'], page: 0 })
          }}
          sx={{ width: 200 }}
        >
          {Object.entries<string>(states).map(([value, label]) => (
            <MenuItem key={value} value={value}>
              {label}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      {list.isError || acknowledge.isError ? (
        <Box sx={{ mb: 2 }}>
          <ErrorAlert error={list.error ?? acknowledge.error} />
        </Box>
      ) : null}
      <Typography variant="body2" sx={{ mb: 1 }} aria-live="polite" data-testid="alert-totals">
        {list.data
          ? `${list.data.total} alert${list.data.total === 1 ? '' : 's'} · ${list.data.unacknowledged} not acknowledged`
          : ' '}
      </Typography>
      <Box sx={{ minHeight: 360, display: 'flex', flexDirection: 'column', mb: 3 }}>
        <AlertGrid
          rows={list.data?.alerts ?? []}
          total={list.data?.total}
          loading={list.isFetching}
          paginationModel={{ page: view.page, pageSize: view.pageSize }}
          onPaginationModelChange={({ page, pageSize }) =>
            setView({ ...view, pageSize, page: pageSize === view.pageSize ? page : 0 })
          }
          sort={view.sort}
          onSortChange={(sort) => setView({ ...view, sort, page: 0 })}
          selected={selected}
          onSelect={setSelected}
          selectable={can('alerts:acknowledge')}
          emptyLabel={
            filtered
              ? 'No alerts match these filters.'
              : 'No usage alerts yet: they fire when imported usage reaches a threshold.'
          }
        />
      </Box>
    </>
  )
}
