import Box from '@mui/material/Box'
import Typography from '@mui/material/Typography'
import { ChartsReferenceLine } from '@mui/x-charts/ChartsReferenceLine'
import { LineChart } from '@mui/x-charts/LineChart'
import { memo } from 'react'
import type { DecimalString } from '../../src-shared/domain/pricing'
import { formatMinor, minorUnitDigits } from '../../src-shared/money'
import { axisWidth, tickOrFull } from '../chart-axis'

type Props = {
  points: readonly { quantity: DecimalString; amount_minor: number }[]
  currency: string
  /** The previewed quantity, marked on the chart. */
  quantity: string
}

/** Cost against quantity for the definition being edited; memoized, as the form re-renders per key. */
export const CostChart = memo(function CostChart({ points, currency, quantity }: Props) {
  // Floats are fine below: they only place points on the screen. Every figure shown as text
  // (tooltip) is formatted from the exact integer minor units.
  const scale = 10 ** minorUnitDigits(currency)
  const x = points.map((point) => Number(point.quantity))
  const y = points.map((point) => point.amount_minor / scale)
  const axisMoney = new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency,
    notation: 'compact',
  })
  const marked = Number(quantity)
  const grouped = new Intl.NumberFormat(undefined, { maximumFractionDigits: 6 })
  const money = (value: number): string => axisMoney.format(value)

  return (
    <Box>
      <Typography variant="overline" component="h4" sx={{ color: 'text.secondary' }}>
        Cost by quantity
      </Typography>
      <LineChart
        height={220}
        skipAnimation
        hideLegend
        grid={{ horizontal: true }}
        // The last quantity tick is centred on the right edge: room for half of it.
        margin={{ left: 8, right: 40, top: 8, bottom: 8 }}
        xAxis={[
          {
            data: x,
            label: 'Quantity',
            scaleType: 'linear',
            tickNumber: 6,
            valueFormatter: tickOrFull((value) => grouped.format(value)),
          },
        ]}
        yAxis={[{ valueFormatter: money, width: axisWidth(Math.max(0, ...y), money) }]}
        series={[
          {
            data: y,
            label: 'Cost',
            showMark: false,
            curve: 'linear',
            valueFormatter: (_value, { dataIndex }) => {
              const point = points[dataIndex]
              return point ? formatMinor(point.amount_minor, currency) : ''
            },
          },
        ]}
      >
        {Number.isFinite(marked) && marked > 0 ? (
          <ChartsReferenceLine
            x={marked}
            lineStyle={{ strokeDasharray: '4 4' }}
            label={`${quantity}`}
            labelAlign="start"
          />
        ) : null}
      </LineChart>
    </Box>
  )
})
