import DeleteOutlined from '@mui/icons-material/DeleteOutlined'
import KeyboardArrowDown from '@mui/icons-material/KeyboardArrowDown'
import KeyboardArrowRight from '@mui/icons-material/KeyboardArrowRight'
import Box from '@mui/material/Box'
import Collapse from '@mui/material/Collapse'
import IconButton from '@mui/material/IconButton'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Tooltip from '@mui/material/Tooltip'
import { useId, useState } from 'react'
import type { BreakdownRow } from '../../src-shared/domain/pricing'
import type { Invoice, InvoiceLine } from '../../src-shared/domain/billing'
import { formatQuantity } from '../format'
import { money } from './money'
import { formatPeriodRange, useBusinessZone } from './period-format'
import { unitPrice } from './unit-price'

const kindLabels: Record<InvoiceLine['kind'], string> = {
  base: 'Base fee',
  proration: 'Proration',
  usage: 'Usage',
  adjustment: 'Late usage',
  minimum: 'Minimum commitment',
  manual: 'Manual',
}

const range = (row: BreakdownRow): string =>
  `${formatQuantity(row.from)} – ${row.to === null ? '∞' : formatQuantity(row.to)}`

/** The pricing engine's rows for one line: which tier charged how many units at what price. */
const Breakdown = ({ rows, currency }: { rows: BreakdownRow[]; currency: string }) => (
  <Table size="small" aria-label="Tier breakdown" sx={{ my: 1 }}>
    <TableHead>
      <TableRow>
        <TableCell>Tier</TableCell>
        <TableCell>Range</TableCell>
        <TableCell align="right">Units</TableCell>
        <TableCell align="right">Unit price ({currency})</TableCell>
        <TableCell align="right">Flat ({currency})</TableCell>
        <TableCell align="right">Subtotal ({currency})</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {rows.map((row, index) => (
        <TableRow key={index}>
          <TableCell>{row.tier ?? '—'}</TableCell>
          <TableCell>{row.label ?? range(row)}</TableCell>
          <TableCell align="right">{formatQuantity(row.units)}</TableCell>
          {/* Rates are exact decimal strings: shown as received, never through a float. */}
          <TableCell align="right">{row.unit_amount}</TableCell>
          <TableCell align="right">{row.flat_amount}</TableCell>
          <TableCell align="right">{row.subtotal}</TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
)

type LineProps = {
  line: InvoiceLine
  currency: string
  zone: string
  onRemove: ((line: InvoiceLine) => void) | undefined
}

const LineRow = ({ line, currency, zone, onRemove }: LineProps) => {
  const [open, setOpen] = useState(false)
  const detailId = useId()
  const expandable = line.breakdown.length > 0
  return (
    <>
      <TableRow sx={{ '& > td': { borderBottom: open ? 'none' : undefined } }}>
        <TableCell padding="checkbox">
          {expandable ? (
            <IconButton
              size="small"
              aria-label={`${open ? 'Hide' : 'Show'} tier breakdown of ${line.description}`}
              aria-expanded={open}
              aria-controls={detailId}
              onClick={() => setOpen((value) => !value)}
            >
              {open ? <KeyboardArrowDown /> : <KeyboardArrowRight />}
            </IconButton>
          ) : null}
        </TableCell>
        <TableCell>
          {line.description}
          <Box component="div" sx={{ color: 'text.secondary', fontSize: 12 }}>
            {kindLabels[line.kind]}
            {line.featureCode ? ` · ${line.featureCode}` : ''} ·{' '}
            {formatPeriodRange(line.periodStart, line.periodEnd, zone)}
          </Box>
        </TableCell>
        <TableCell align="right">
          {formatQuantity(line.quantity)}
          {line.unit ? ` ${line.unit}` : ''}
        </TableCell>
        <TableCell align="right">{unitPrice(line, currency)}</TableCell>
        <TableCell align="right">{money(line.amountMinor, currency)}</TableCell>
        <TableCell padding="checkbox">
          {onRemove && line.kind === 'manual' ? (
            <Tooltip title="Remove this line">
              <IconButton
                size="small"
                aria-label={`Remove line ${line.description}`}
                onClick={() => onRemove(line)}
              >
                <DeleteOutlined fontSize="small" />
              </IconButton>
            </Tooltip>
          ) : null}
        </TableCell>
      </TableRow>
      {expandable ? (
        <TableRow>
          <TableCell colSpan={6} sx={{ py: 0 }}>
            <Collapse in={open} id={detailId} unmountOnExit>
              <Breakdown rows={line.breakdown} currency={currency} />
            </Collapse>
          </TableCell>
        </TableRow>
      ) : null}
    </>
  )
}

const TotalRow = ({
  label,
  amount,
  strong,
}: {
  label: string
  amount: string
  strong?: boolean
}) => (
  <TableRow>
    <TableCell colSpan={4} align="right" sx={{ fontWeight: strong ? 600 : undefined }}>
      {label}
    </TableCell>
    <TableCell align="right" sx={{ fontWeight: strong ? 600 : undefined }}>
      {amount}
    </TableCell>
    <TableCell padding="checkbox" />
  </TableRow>
)

type Props = {
  invoice: Invoice
  /** Present on drafts: manual lines can be removed. */
  onRemoveLine?: (line: InvoiceLine) => void
}

/** The invoice's lines and how they add up: subtotal, discounts, credit, tax and total. */
export const InvoiceLines = ({ invoice, onRemoveLine }: Props) => {
  const { currency } = invoice
  const zone = useBusinessZone()
  const lines = [...invoice.lines].sort((a, b) => a.position - b.position)
  const taxLabel = invoice.taxExempt
    ? 'Tax (customer exempt)'
    : invoice.tax
      ? `${invoice.tax.name} (${invoice.tax.ratePercent}%, ${invoice.tax.region})`
      : 'Tax'
  return (
    <Table size="small" aria-label="Invoice lines">
      <TableHead>
        <TableRow>
          <TableCell padding="checkbox" />
          <TableCell>Description</TableCell>
          <TableCell align="right">Quantity</TableCell>
          <TableCell align="right">Unit price ({currency})</TableCell>
          <TableCell align="right">Amount</TableCell>
          <TableCell padding="checkbox" />
        </TableRow>
      </TableHead>
      <TableBody>
        {lines.length === 0 ? (
          <TableRow>
            <TableCell colSpan={6} sx={{ color: 'text.secondary' }}>
              No lines: nothing was charged for this period.
            </TableCell>
          </TableRow>
        ) : null}
        {lines.map((line) => (
          <LineRow
            key={line.id}
            line={line}
            currency={currency}
            zone={zone}
            onRemove={onRemoveLine}
          />
        ))}
        <TotalRow label="Subtotal" amount={money(invoice.subtotalMinor, currency)} />
        {invoice.discounts.map((discount) => (
          <TotalRow
            key={discount.discountId}
            label={`Discount: ${discount.description}`}
            amount={money(-discount.amountMinor, currency)}
          />
        ))}
        {invoice.creditMinor !== 0 ? (
          <TotalRow label="Credit applied" amount={money(-invoice.creditMinor, currency)} />
        ) : null}
        <TotalRow label={taxLabel} amount={money(invoice.taxMinor, currency)} />
        <TotalRow label="Total" amount={money(invoice.totalMinor, currency)} strong />
      </TableBody>
    </Table>
  )
}
