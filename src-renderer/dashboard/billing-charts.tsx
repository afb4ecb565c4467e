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

/** How many invoices are in each status, with the counts written out. */
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
              // The count in the label too: a slice's size alone cannot be read as a number.
              label: `${invoiceStatusLooks[row.status].label}: ${row.count}`,
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
