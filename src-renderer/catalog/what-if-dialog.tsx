import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import CircularProgress from '@mui/material/CircularProgress'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogContentText from '@mui/material/DialogContentText'
import DialogTitle from '@mui/material/DialogTitle'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import type { WhatIf, WhatIfRow } from '../../src-shared/domain/what-if'
import { ErrorAlert } from '../error-alert'
import { formatMoney } from '../format'
import { useBusinessZone } from '../invoices/period-format'
import { extremes, signedMoney, signedPercent } from './what-if-figures'
import { useWhatIf } from './what-if-queries'
import { WhatIfTable } from './what-if-table'

type Props = { planId: string; version: number; onClose: () => void }

/** Per currency: billed, under the draft, and the difference; each the sum of its customers. */
const Totals = ({ result }: { result: WhatIf }) =>
  result.totals.length === 0 ? (
    <Alert severity="info">
      No subscriber of this plan has a billed period the draft can price yet: nothing to compare.
    </Alert>
  ) : (
    <Table size="small" aria-label="What if totals">
      <TableHead>
        <TableRow>
          <TableCell>Currency</TableCell>
          <TableCell align="right">Customers</TableCell>
          <TableCell align="right">Billed</TableCell>
          <TableCell align="right">Under the draft</TableCell>
          <TableCell align="right">Difference</TableCell>
          <TableCell align="right">Change</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {result.totals.map((t) => (
          <TableRow
            key={t.currency}
            data-currency={t.currency}
            sx={{ '& td': { fontWeight: 600 } }}
          >
            <TableCell>{t.currency}</TableCell>
            <TableCell align="right">{t.customers}</TableCell>
            <TableCell align="right">{formatMoney(t.currentMinor, t.currency)}</TableCell>
            <TableCell align="right">{formatMoney(t.draftMinor, t.currency)}</TableCell>
            <TableCell align="right">{signedMoney(t.differenceMinor, t.currency)}</TableCell>
            <TableCell align="right">{signedPercent(t.differencePercent)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )

const Extremes = ({ title, rows }: { title: string; rows: WhatIfRow[] }) => (
  <Box sx={{ flex: 1 }} aria-label={title} role="region">
    <Typography variant="subtitle2">{title}</Typography>
    {rows.length === 0 ? (
      <Typography variant="body2" color="text.secondary">
        Nobody
      </Typography>
    ) : (
      <Box component="ol" sx={{ pl: 2.5, my: 0.5 }}>
        {rows.map((r) => (
          <li key={r.subscriptionId}>
            <Typography variant="body2">
              {r.customerName}: {signedMoney(r.differenceMinor ?? 0, r.currency)} (
              {signedPercent(r.differencePercent)})
            </Typography>
          </li>
        ))}
      </Box>
    )}
  </Box>
)

/**
 * What the plan's subscribers would have paid for their last billed period under the saved
 * draft, against what they were billed: before anything is published, and nothing is written.
 */
export const WhatIfDialog = ({ planId, version, onClose }: Props) => {
  const query = useWhatIf(planId, version)
  const zone = useBusinessZone()
  const result = query.data
  const { payMore, payLess } = extremes(result?.rows ?? [])
  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth>
      <DialogTitle>What if version {version} applied to everyone?</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText>
            Each subscriber’s last billed period, whichever version they are on, re-priced under
            this draft with the same usage, overrides and discounts. Revenue is before tax and
            prepaid credit. Nothing is changed.
          </DialogContentText>
          {query.error ? <ErrorAlert error={query.error} /> : null}
          {query.isPending ? <CircularProgress aria-label="Re-pricing" /> : null}
          {result ? (
            <>
              <Totals result={result} />
              <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
                <Extremes title="Would pay most more" rows={payMore} />
                <Extremes title="Would pay most less" rows={payLess} />
              </Stack>
              <WhatIfTable rows={result.rows} timeZone={zone} />
            </>
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  )
}
