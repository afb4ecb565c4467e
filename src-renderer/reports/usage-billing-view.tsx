import Card from '@mui/material/Card'
import CardContent from '@mui/material/CardContent'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import type { BillingTotal, UsageBillingReport } from '../../src-shared/domain/reports'
import { formatMoney, formatQuantity } from '../format'
import { FiguresTable } from './figures-table'

const money = (f: BillingTotal): string[] => [
  f.currency,
  String(f.invoices),
  formatMoney(f.invoicedMinor, f.currency),
  formatMoney(f.collectedMinor, f.currency),
  formatMoney(f.creditedMinor, f.currency),
  formatMoney(f.outstandingMinor, f.currency),
]

/** The month's or year's figures: billing per customer and currency, then usage per metric. */
export const UsageBillingView = ({ report }: { report: UsageBillingReport }) => (
  <Stack spacing={2}>
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          Billing
        </Typography>
        <FiguresTable
          label="Billing by customer"
          columns={[
            { header: 'Customer' },
            { header: 'Currency' },
            { header: 'Invoices', numeric: true },
            { header: 'Invoiced', numeric: true },
            { header: 'Collected', numeric: true },
            { header: 'Credited', numeric: true },
            { header: 'Outstanding', numeric: true },
          ]}
          rows={report.billing.map((r) => ({
            key: `${r.customerId}-${r.currency}`,
            cells: [`${r.customerName} (${r.customerId})`, ...money(r)],
          }))}
          totals={report.totals.map((t) => ({
            key: `total-${t.currency}`,
            cells: [`Total ${t.currency}`, ...money(t)],
          }))}
          empty="Nothing invoiced, collected, credited or owed in this period."
        />
        <Typography variant="caption" component="p" sx={{ color: 'text.secondary', mt: 1 }}>
          Invoiced: invoices issued in the period. Collected: payments received less refunds paid
          back. Credited: credit notes issued. Outstanding: still owed at the end of the period.
          Days are {report.timeZone}&apos;s.
        </Typography>
      </CardContent>
    </Card>
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          Usage
        </Typography>
        <FiguresTable
          label="Usage by metric"
          columns={[
            { header: 'Customer' },
            { header: 'Metric' },
            { header: 'Events', numeric: true },
            { header: 'Quantity', numeric: true },
          ]}
          rows={report.usage.map((u) => ({
            key: `${u.customerId}-${u.metric}`,
            cells: [
              `${u.customerName} (${u.customerId})`,
              u.metric,
              String(u.events),
              formatQuantity(u.quantity),
            ],
          }))}
          totals={report.usageTotals.map((u) => ({
            key: `total-${u.metric}`,
            cells: ['Total', u.metric, String(u.events), formatQuantity(u.quantity)],
          }))}
          empty="No usage recorded in this period."
        />
      </CardContent>
    </Card>
  </Stack>
)
