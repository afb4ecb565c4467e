import Box from '@mui/material/Box'
import Typography from '@mui/material/Typography'
import { BarChart } from '@mui/x-charts/BarChart'
import { memo } from 'react'
import type { UsageSeriesPoint, UsageSeriesQuery } from '../../src-shared/domain/usage'
import { axisWidth, compactNumber } from '../chart-axis'
import { formatQuantity } from '../format'

// Day buckets are UTC days: labelled in UTC, or they would slip to the day before west of Greenwich.
const dayLabel = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
})
const hourLabel = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
})

const bucketLabel = (bucket: string, size: UsageSeriesQuery['bucket']): string => {
  const date = new Date(bucket)
  if (Number.isNaN(date.getTime())) return bucket
  return (size === 'hour' ? hourLabel : dayLabel).format(date)
}

type Props = {
  points: readonly UsageSeriesPoint[]
  bucket: UsageSeriesQuery['bucket']
}

/** Usage per bucket, one series per metric; only buckets with usage get a slot. */
export const UsageChart = memo(function UsageChart({ points, bucket }: Props) {
  if (points.length === 0) {
    return (
      <Box sx={{ height: 240, display: 'grid', placeItems: 'center' }}>
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          No usage in this range.
        </Typography>
      </Box>
    )
  }
  const buckets = [...new Set(points.map((point) => point.bucket))].sort()
  const metrics = [...new Set(points.map((point) => point.metric))].sort()
  const quantityAt = new Map(
    points.map((point) => [`${point.metric}\n${point.bucket}`, point.quantity]),
  )

  const largest = Math.max(0, ...points.map((point) => Number(point.quantity)))

  return (
    <BarChart
      height={260}
      skipAnimation
      grid={{ horizontal: true }}
      margin={{ left: 8, right: 16, top: 8, bottom: 8 }}
      xAxis={[
        {
          scaleType: 'band',
          data: buckets,
          valueFormatter: (value: string) => bucketLabel(value, bucket),
        },
      ]}
      yAxis={[{ valueFormatter: compactNumber, width: axisWidth(largest, compactNumber) }]}
      series={metrics.map((metric) => ({
        label: metric,
        // Number() only places the bar on screen; quantities stay decimal strings everywhere
        // else, and the tooltip below shows the exact figure.
        data: buckets.map((b) => {
          const quantity = quantityAt.get(`${metric}\n${b}`)
          return quantity === undefined ? null : Number(quantity)
        }),
        valueFormatter: (_value, { dataIndex }) => {
          const at = buckets[dataIndex]
          const quantity = at === undefined ? undefined : quantityAt.get(`${metric}\n${at}`)
          return quantity === undefined ? null : formatQuantity(quantity)
        },
      }))}
    />
  )
})
