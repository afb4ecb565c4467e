import Card from '@mui/material/Card'
import CardContent from '@mui/material/CardContent'
import Typography from '@mui/material/Typography'
import {
  agingBuckets,
  type AgedReceivablesReport,
  type AgedTotal,
} from '../../src-shared/domain/reports'
import { formatMoney } from '../format'
import { FiguresTable } from './figures-table'

const cells = (f: AgedTotal): string[] => [
  f.currency,
  ...agingBuckets.map((b) => formatMoney(f[b], f.currency)),
  formatMoney(f.totalMinor, f.currency),
]

/** What is owed as of the day, by days past due, per customer and currency. */
export const AgedView = ({ report }: { report: AgedReceivablesReport }) => (
  <Card variant="outlined">
    <CardContent>
      <Typography variant="h6" component="h2" gutterBottom>
        Aged receivables as of {report.asOf}
      </Typography>
      <FiguresTable
        label="Aged receivables"
        columns={[
          { header: 'Customer' },
          { header: 'Currency' },
          { header: 'Current', numeric: true },
          ...agingBuckets.slice(1).map((b) => ({ header: `${b} days`, numeric: true })),
          { header: 'Total', numeric: true },
        ]}
        rows={report.rows.map((r) => ({
          key: `${r.customerId}-${r.currency}`,
          cells: [`${r.customerName} (${r.customerId})`, ...cells(r)],
        }))}
        totals={report.totals.map((t) => ({
          key: `total-${t.currency}`,
          cells: [`Total ${t.currency}`, ...cells(t)],
        }))}
        empty="Nothing owed at the end of this day."
      />
      <Typography variant="caption" component="p" sx={{ color: 'text.secondary', mt: 1 }}>
        Days past each invoice&apos;s due date at the end of {report.asOf} ({report.timeZone});
        current is not yet past due. Amounts are totals less credit notes, unpaid and not voided by
        then.
      </Typography>
    </CardContent>
  </Card>
)
