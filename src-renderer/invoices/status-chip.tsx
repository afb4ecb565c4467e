import Chip from '@mui/material/Chip'
import type { InvoiceStatus } from '../../src-shared/domain/billing'

type Look = { label: string; color: 'info' | 'success' | 'warning' | 'error' | 'default' }

export const invoiceStatusLooks: Record<InvoiceStatus, Look> = {
  draft: { label: 'Draft', color: 'default' },
  finalized: { label: 'Finalized', color: 'info' },
  paid: { label: 'Paid', color: 'success' },
  void: { label: 'Void', color: 'warning' },
  uncollectible: { label: 'Uncollectible', color: 'error' },
}

/** An invoice's status, the same chip in the lists and on the invoice's page. */
export const InvoiceStatusChip = ({ status }: { status: InvoiceStatus }) => {
  const { label, color } = invoiceStatusLooks[status]
  return <Chip label={label} color={color} variant={status === 'draft' ? 'outlined' : 'filled'} />
}
