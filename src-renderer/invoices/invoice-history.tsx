import LinearProgress from '@mui/material/LinearProgress'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { useQueries } from '@tanstack/react-query'
import type { AuditEntry } from '../../src-shared/domain/audit'
import type { Invoice } from '../../src-shared/domain/billing'
import type { JsonValue } from '../../src-shared/domain/json'
import { channelQuery } from '../channel-query'
import { ErrorAlert } from '../error-alert'
import { formatDateTime } from '../format'

const done: Record<string, string> = {
  'invoices:finalize': 'Finalized',
  'invoices:void': 'Voided',
  'invoices:mark-paid': 'Marked paid',
  'invoices:mark-uncollectible': 'Marked uncollectible',
  'invoices:add-line': 'Line added',
  'invoices:remove-line': 'Line removed',
  'invoices:regenerate': 'Regenerated',
  'invoices:credit-note': 'Credit note issued',
  'payments:paid': 'Paid in Stripe',
}

/** The reason or note the person gave, as the audit entry keeps it. */
const whyOf = (after: JsonValue | null): string => {
  if (typeof after !== 'object' || after === null || Array.isArray(after)) return ''
  const why = after['reason'] ?? after['note']
  return typeof why === 'string' ? why : ''
}

/**
 * What was done to the invoice, by whom and why, newest first: from the audit trail, where a
 * draft is filed under `draft-<id>` and a finalized invoice under its number.
 */
export const InvoiceHistory = ({ invoice }: { invoice: Invoice }) => {
  const labels = [`draft-${invoice.id}`, ...(invoice.number === null ? [] : [invoice.number])]
  const pages = useQueries({
    queries: labels.map((entityId) =>
      channelQuery('audit:list', { entityType: 'invoice', entityId, limit: 200 }),
    ),
  })
  const failed = pages.find((page) => page.isError)
  if (failed?.error) return <ErrorAlert error={failed.error} />
  if (pages.some((page) => page.isPending))
    return <LinearProgress aria-label="Loading invoice history" />
  const entries: AuditEntry[] = pages
    .flatMap((page) => page.data?.entries ?? [])
    .sort((a, b) => b.id - a.id)
  if (entries.length === 0) {
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        Nothing done to it by hand yet: billing runs draft and update it.
      </Typography>
    )
  }
  return (
    <Table size="small" aria-label="Invoice history">
      <TableHead>
        <TableRow>
          <TableCell>When</TableCell>
          <TableCell>What</TableCell>
          <TableCell>Reason or note</TableCell>
          <TableCell>Operator</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {entries.map((entry) => (
          <TableRow key={entry.id}>
            <TableCell>{formatDateTime(entry.at)}</TableCell>
            <TableCell>{done[entry.action] ?? entry.action}</TableCell>
            <TableCell>{whyOf(entry.after) || '—'}</TableCell>
            <TableCell>{entry.operator}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}
