import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import type { Quote } from '../../src-shared/domain/pricing'
import { ErrorAlert } from '../error-alert'
import { formatMoney } from './catalog-format'
import { CostChart } from './cost-chart'
import { TextInput } from './form-fields'
import type { PricingPreviewState } from './use-pricing-preview'

const Breakdown = ({ quote }: { quote: Quote }) => (
  <Table aria-label="Breakdown" sx={{ '& td, & th': { whiteSpace: 'nowrap' } }}>
    <TableHead>
      <TableRow>
        <TableCell>Tier</TableCell>
        <TableCell>Range</TableCell>
        <TableCell align="right">Units</TableCell>
        <TableCell align="right">Unit amount ({quote.currency})</TableCell>
        <TableCell align="right">Flat amount ({quote.currency})</TableCell>
        <TableCell align="right">Subtotal ({quote.currency})</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {quote.breakdown.map((row, index) => (
        <TableRow key={index}>
          <TableCell>{row.tier ?? row.label ?? '—'}</TableCell>
          <TableCell>
            {row.from} – {row.to ?? '∞'}
          </TableCell>
          <TableCell align="right">
            {row.block_size ? `${row.units} × ${row.block_size}` : row.units}
          </TableCell>
          <TableCell align="right">{row.unit_amount}</TableCell>
          <TableCell align="right">{row.flat_amount}</TableCell>
          <TableCell align="right">{row.subtotal}</TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
)

type Props = {
  preview: PricingPreviewState
  /** What the quantity means for this feature, e.g. that included units are not deducted. */
  note?: string | undefined
  quantity: string
  onQuantityChange: (quantity: string) => void
}

/** What the definition being edited would charge for one quantity, priced by the server. */
export const PricingPreview = ({ preview, quantity, onQuantityChange, note }: Props) => {
  const { quote, curve, errors, failure, stale, enabled, byEvents } = preview
  const pricingInvalid = errors.has('pricing')
  const otherInput = errors.get('currency') ?? errors.get('rounding')
  const data = quote.isError ? undefined : quote.data

  let status: string | undefined
  if (!enabled) status = 'Enter a quantity to see what it costs.'
  else if (pricingInvalid) status = 'Fix the pricing to see a preview'
  else if (otherInput) status = otherInput
  else if (!data && !failure && !errors.has('quantity')) status = 'Calculating…'

  return (
    <Paper variant="outlined" component="section" aria-label="Preview" sx={{ p: 2 }}>
      <Typography variant="subtitle2" component="h3" sx={{ mb: 1.5 }}>
        Preview
      </Typography>
      <Stack direction="row" useFlexGap sx={{ gap: 3, flexWrap: 'wrap', alignItems: 'center' }}>
        <TextInput
          label={byEvents ? 'Preview transactions' : 'Preview quantity'}
          value={quantity}
          onChange={onQuantityChange}
          error={
            errors.get('quantity') ??
            (errors.has('events') ? 'each value must be a decimal number such as 12.50' : undefined)
          }
          helperText={byEvents ? 'Transaction values, separated by commas' : note}
          decimal={!byEvents}
          width={byEvents ? 320 : 240}
        />
        {data ? (
          <Box sx={{ opacity: stale ? 0.6 : 1, transition: 'opacity 120ms' }} aria-live="polite">
            <Typography
              data-testid="preview-amount"
              variant="h5"
              component="p"
              sx={{ fontWeight: 600, lineHeight: 1.2 }}
            >
              {formatMoney(data.amount_minor, data.currency)}
            </Typography>
            <Typography variant="caption" sx={{ color: 'text.secondary' }}>
              Exact amount {data.amount} {data.currency}, rounded once to the minor unit
            </Typography>
          </Box>
        ) : null}
      </Stack>
      {status ? (
        <Alert
          severity={pricingInvalid || otherInput ? 'warning' : 'info'}
          variant="outlined"
          role="status"
          sx={{ mt: 2 }}
        >
          {status}
        </Alert>
      ) : null}
      {failure ? (
        <Box sx={{ mt: 2 }}>
          <ErrorAlert error={failure} />
        </Box>
      ) : null}
      {data ? (
        <Box
          sx={{
            mt: 2,
            display: 'grid',
            gap: 2,
            gridTemplateColumns: 'minmax(0, 1fr)',
            opacity: stale ? 0.6 : 1,
          }}
        >
          <Box sx={{ overflowX: 'auto' }}>
            <Breakdown quote={data} />
          </Box>
          {curve.data && !curve.isError ? (
            <CostChart points={curve.data} currency={data.currency} quantity={quantity} />
          ) : null}
        </Box>
      ) : null}
    </Paper>
  )
}
