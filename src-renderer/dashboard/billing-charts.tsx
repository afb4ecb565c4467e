import Box from '@mui/material/Box'
import Card from '@mui/material/Card'
import CardContent from '@mui/material/CardContent'
import Typography from '@mui/material/Typography'
import { BarChart } from '@mui/x-charts/BarChart'
import { PieChart } from '@mui/x-charts/PieChart'
import type { Dashboard } from '../../src-shared/domain/billing'
import { isCurrency, toMajor } from '../../src-shared/money'
import { invoiceStatusLooks } from '../invoices/status-chip'
import { money } from '../invoices/money'
import { ChartCard } from './chart-card'

/**
 * A bar's length in major units. Only for placing the bar on screen: every figure a person reads
 * (tooltips, cards) is formatted from the exact minor units.
 */
const plotted = (minor: number, currency: string): number =>
  isCurrency(currency) ? Number(toMajor(minor, currency)) : minor

const subscriptionLabels: Record<Dashboard['subscriptionsByStatus'][number]['status'], string> = {
  trialing: 'Trialing',
  active: 'Active',
  past_due: 'Past due',
  suspended: 'Suspended',
  canceled: 'Canceled',
}

/** Monthly recurring revenue, one card per currency. */
export const MrrCards = ({ mrr }: { mrr: Dashboard['mrr'] }) => {
  const entries = Object.entries(mrr).sort(([a], [b]) => a.localeCompare(b))
  return (
    <Box
      sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))' }}
    >
      {entries.length === 0 ? (
        <Card>
          <CardContent>
            <Typography variant="overline" component="div" sx={{ color: 'text.secondary' }}>
              Monthly recurring revenue
            </Typography>
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              No live subscriptions with a base fee yet.
            </Typography>
          </CardContent>
        </Card>
      ) : null}
      {entries.map(([currency, minor]) => (
        <Card key={currency} component="section" aria-label={`MRR ${currency}`}>
          <CardContent>
            <Typography variant="overline" component="h2" sx={{ color: 'text.secondary' }}>
              MRR · {currency}
            </Typography>
            <Typography variant="h5" component="div" data-testid={`mrr-${currency}`}>
              {money(minor, currency)}
            </Typography>
          </CardContent>
        </Card>
      ))}
    </Box>
  )
}

/** Finalized revenue per month, one series per currency. */
export const RevenueChart = ({ rows }: { rows: Dashboard['revenueByMonth'] }) => {
  const periods = [...new Set(rows.map((row) => row.period))].sort()
  const currencies = [...new Set(rows.map((row) => row.currency))].sort()
  const at = new Map(rows.map((row) => [`${row.currency}\n${row.period}`, row.totalMinor]))
  return (
    <ChartCard
      title="Invoiced revenue by month"
      empty={rows.length === 0}
      emptyText="No finalized invoices yet."
    >
      <BarChart
        height={260}
        skipAnimation
        grid={{ horizontal: true }}
        xAxis={[{ scaleType: 'band', data: periods }]}
        yAxis={[{ width: 72 }]}
        series={currencies.map((currency) => ({
          label: currency,
          data: periods.map((period) => {
            const minor = at.get(`${currency}\n${period}`)
            return minor === undefined ? null : plotted(minor, currency)
          }),
          valueFormatter: (_value, { dataIndex }) => {
            const period = periods[dataIndex]
            const minor = period === undefined ? undefined : at.get(`${currency}\n${period}`)
            return minor === undefined ? null : money(minor, currency)
          },
        }))}
      />
    </ChartCard>
  )
}

export const InvoicesByStatusChart = ({ rows }: { rows: Dashboard['invoicesByStatus'] }) => {
  const shown = rows.filter((row) => row.count > 0)
  return (
    <ChartCard title="Invoices by status" empty={shown.length === 0} emptyText="No invoices yet.">
      <PieChart
        height={240}
        skipAnimation
        series={[
          {
            innerRadius: 50,
            data: shown.map((row) => ({
              id: row.status,
              value: row.count,
              label: invoiceStatusLooks[row.status].label,
            })),
          },
        ]}
      />
    </ChartCard>
  )
}

export const TopCustomersChart = ({ rows }: { rows: Dashboard['topCustomers'] }) => {
  const labels = rows.map((row) => `${row.name} (${row.currency})`)
  return (
    <ChartCard
      title="Top customers by usage"
      empty={rows.length === 0}
      emptyText="No usage charges in the latest billed period."
    >
      <BarChart
        height={Math.max(200, rows.length * 36 + 40)}
        skipAnimation
        layout="horizontal"
        grid={{ vertical: true }}
        yAxis={[{ scaleType: 'band', data: labels, width: 160 }]}
        series={[
          {
            label: 'Usage charges',
            data: rows.map((row) => plotted(row.usageMinor, row.currency)),
            valueFormatter: (_value, { dataIndex }) => {
              const row = rows[dataIndex]
              return row ? money(row.usageMinor, row.currency) : null
            },
          },
        ]}
        hideLegend
      />
    </ChartCard>
  )
}

export const SubscriptionsChart = ({ rows }: { rows: Dashboard['subscriptionsByStatus'] }) => {
  const shown = rows.filter((row) => row.count > 0)
  return (
    <ChartCard
      title="Subscriptions by status"
      empty={shown.length === 0}
      emptyText="No subscriptions yet."
    >
      <BarChart
        height={240}
        skipAnimation
        xAxis={[{ scaleType: 'band', data: shown.map((row) => subscriptionLabels[row.status]) }]}
        yAxis={[{ width: 48, tickMinStep: 1 }]}
        series={[{ label: 'Subscriptions', data: shown.map((row) => row.count) }]}
        hideLegend
      />
    </ChartCard>
  )
}
