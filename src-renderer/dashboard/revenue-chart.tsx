import MenuItem from '@mui/material/MenuItem'
import TextField from '@mui/material/TextField'
import { BarChart } from '@mui/x-charts/BarChart'
import { useState } from 'react'
import type { Dashboard } from '../../src-shared/domain/billing'
import { isCurrency, toMajor } from '../../src-shared/money'
import { money } from '../invoices/money'
import { useSettings } from '../settings/queries'
import { ChartCard } from './chart-card'

type Row = Dashboard['revenueByMonth'][number]

/** A bar's height in major units: for placing it only; what a person reads comes from minor units. */
const plotted = (minor: number, currency: string): number =>
  isCurrency(currency) ? Number(toMajor(minor, currency)) : minor

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 })

/** `2026-11` → "Nov 2026", in the reader's locale. */
const monthLabel = (period: string): string => {
  const [year = 0, month = 1] = period.split('-').map(Number)
  return new Date(Date.UTC(year, month - 1, 1)).toLocaleDateString(undefined, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  })
}

/**
 * The months of one currency that have data: from its first month with revenue to the last
 * month reported, so a young ledger is not drawn as a year of empty bars.
 */
export const monthsWithData = (rows: Row[], currency: string): Row[] => {
  const own = rows
    .filter((row) => row.currency === currency)
    .sort((a, b) => a.period.localeCompare(b.period))
  const first = own.findIndex((row) => row.totalMinor !== 0)
  return first === -1 ? [] : own.slice(first)
}

/** Invoiced revenue per month, one currency at a time (amounts are never drawn on a shared axis). */
export const RevenueChart = ({ rows }: { rows: Row[] }) => {
  const currencies = [...new Set(rows.map((row) => row.currency))].sort()
  const [chosen, setChosen] = useState<string>()
  // Until someone picks one, the business's default currency (when it has revenue) comes first.
  const preferred = useSettings().data?.defaultCurrency
  const currency =
    [chosen, preferred].find((c) => c !== undefined && currencies.includes(c)) ?? currencies[0]
  const shown = currency ? monthsWithData(rows, currency) : []
  return (
    <ChartCard
      title="Invoiced revenue by month"
      empty={shown.length === 0 || currency === undefined}
      emptyText="No finalized invoices yet."
      action={
        currencies.length > 1 ? (
          <TextField
            select
            size="small"
            label="Currency"
            value={currency ?? ''}
            onChange={(event) => setChosen(event.target.value)}
            sx={{ minWidth: 110 }}
          >
            {currencies.map((code) => (
              <MenuItem key={code} value={code}>
                {code}
              </MenuItem>
            ))}
          </TextField>
        ) : null
      }
    >
      {currency ? (
        <BarChart
          height={300}
          skipAnimation
          grid={{ horizontal: true }}
          margin={{ right: 16, bottom: 8 }}
          xAxis={[
            {
              scaleType: 'band',
              data: shown.map((row) => row.period),
              valueFormatter: monthLabel,
              label: 'Month invoiced (billing period)',
              height: 56,
            },
          ]}
          yAxis={[
            {
              label: `Revenue (${currency})`,
              width: 88,
              valueFormatter: (value: number) => compact.format(value),
            },
          ]}
          series={[
            {
              label: currency,
              data: shown.map((row) => plotted(row.totalMinor, currency)),
              valueFormatter: (_value, { dataIndex }) => {
                const row = shown[dataIndex]
                return row ? money(row.totalMinor, currency) : null
              },
            },
          ]}
          hideLegend
        />
      ) : null}
    </ChartCard>
  )
}
