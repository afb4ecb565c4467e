import Typography from '@mui/material/Typography'
import type { Dispute } from '../../src-shared/domain/disputes'
import { formatBusinessDay } from '../invoices/period-format'

/** The deadline day; past it while the dispute is still waiting, in the error colour and said so. */
export const Deadline = ({ dispute, zone }: { dispute: Dispute; zone: string }) =>
  dispute.deadline === null ? (
    <span>—</span>
  ) : (
    <Typography
      component="span"
      variant="body2"
      data-overdue={dispute.overdue ? 'true' : undefined}
      sx={dispute.overdue ? { color: 'error.main', fontWeight: 600 } : {}}
    >
      {formatBusinessDay(dispute.deadline, zone)}
      {dispute.overdue ? ' (overdue)' : ''}
    </Typography>
  )

export const statusLabel = (d: Pick<Dispute, 'status' | 'resolution'>): string =>
  d.status === 'resolved'
    ? `Resolved: ${d.resolution ?? ''}`
    : d.status === 'under_review'
      ? 'Under review'
      : 'Open'
