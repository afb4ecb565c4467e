import FilterAltOffOutlined from '@mui/icons-material/FilterAltOffOutlined'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import MenuItem from '@mui/material/MenuItem'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { todayIso } from '../catalog/catalog-format'
import { CommitField } from '../customers/commit-field'
import { ErrorAlert } from '../error-alert'
import { eventSortColumns, EventsGrid } from './events-grid'
import {
  hasFilters,
  toEventsQuery,
  toSeriesQuery,
  toTotalsQuery,
  type ExplorerFilters,
  type ExplorerView,
} from './explorer-view'
import { useEvents, useMetrics, useSeries, useTotals } from './queries'
import { UsageChart } from './usage-chart'
import { UsageTotals } from './usage-totals'

type Props = {
  view: ExplorerView
  onChange: (view: ExplorerView, sync?: boolean) => void
}

const DayField = (props: { label: string; value: string; onChange: (day: string) => void }) => (
  <TextField
    type="date"
    label={props.label}
    value={props.value}
    onChange={(event) => props.onChange(event.target.value)}
    slotProps={{ inputLabel: { shrink: true } }}
    sx={{ width: 160 }}
  />
)

/** Usage events by customer, metric and time: a chart of the totals over the events themselves. */
export const ExplorerTab = ({ view, onChange }: Props) => {
  const metrics = useMetrics()
  const events = useEvents(toEventsQuery(view))
  const seriesQuery = toSeriesQuery(view, todayIso())
  const series = useSeries(seriesQuery)
  const totals = useTotals(toTotalsQuery(view))
  // Remounting the free-text field on clear drops any edit still waiting to be committed.
  const [generation, setGeneration] = useState(0)
  // A narrower filter can leave the current page past the end; start over at the first.
  const filter = (patch: Partial<ExplorerFilters>): void =>
    onChange({ ...view, ...patch, page: 0 }, true)
  const metricOptions = metrics.data ?? []
  const shownMetrics =
    view.metric && !metricOptions.includes(view.metric)
      ? [view.metric, ...metricOptions]
      : metricOptions

  return (
    <Stack spacing={2} sx={{ flex: '1 1 auto' }}>
      <Stack
        role="search"
        aria-label="Usage filters"
        direction="row"
        useFlexGap
        sx={{ flexWrap: 'wrap', gap: 1.5, alignItems: 'center' }}
      >
        <CommitField
          key={generation}
          label="Customer"
          value={view.customer}
          onCommit={(customer) => filter({ customer })}
          width={200}
        />
        <TextField
          select
          label="Metric"
          value={view.metric}
          onChange={(event) => filter({ metric: event.target.value })}
          sx={{ width: 200 }}
        >
          <MenuItem value="">
            <em>Any</em>
          </MenuItem>
          {shownMetrics.map((metric) => (
            <MenuItem key={metric} value={metric}>
              {metric}
            </MenuItem>
          ))}
        </TextField>
        <DayField label="From" value={view.from} onChange={(from) => filter({ from })} />
        <DayField label="To" value={view.to} onChange={(to) => filter({ to })} />
        <Button
          variant="text"
          startIcon={<FilterAltOffOutlined />}
          disabled={!hasFilters(view)}
          onClick={() => {
            setGeneration((value) => value + 1)
            filter({ customer: '', metric: '', from: '', to: '' })
          }}
        >
          Clear filters
        </Button>
      </Stack>
      {metrics.isError ? <ErrorAlert error={metrics.error} /> : null}
      <Paper component="section" aria-label="Usage over time" variant="outlined" sx={{ p: 2 }}>
        <Typography variant="subtitle2" component="h2">
          Usage over time
        </Typography>
        <Typography variant="caption" sx={{ color: 'text.secondary' }}>
          {view.from || view.to ? 'The chosen range' : 'The last 30 days'}, per{' '}
          {seriesQuery.bucket === 'hour' ? 'hour' : 'day'}
        </Typography>
        {series.isError ? (
          <ErrorAlert error={series.error} />
        ) : (
          <UsageChart points={series.data ?? []} bucket={seriesQuery.bucket} />
        )}
      </Paper>
      <UsageTotals totals={totals.data} error={totals.error} />
      {events.isError ? (
        <ErrorAlert
          error={events.error}
          action={
            <Button color="inherit" onClick={() => void events.refetch()}>
              Retry
            </Button>
          }
        />
      ) : null}
      <Box sx={{ minHeight: 420, display: 'flex', flexDirection: 'column' }}>
        <EventsGrid
          rows={events.data?.events ?? []}
          total={events.data?.total}
          loading={events.isFetching}
          paginationModel={{ page: view.page, pageSize: view.pageSize }}
          onPaginationModelChange={({ page, pageSize }) =>
            onChange({ ...view, pageSize, page: pageSize === view.pageSize ? page : 0 })
          }
          sorting={{
            sort: view.sort,
            onSortChange: (sort) => onChange({ ...view, sort, page: 0 }),
            fields: eventSortColumns,
          }}
          emptyLabel={hasFilters(view) ? 'No events match these filters.' : 'No usage yet.'}
        />
      </Box>
    </Stack>
  )
}
