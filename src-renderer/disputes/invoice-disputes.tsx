import ReportProblemOutlined from '@mui/icons-material/ReportProblemOutlined'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { Link as RouterLink, useNavigate } from 'react-router'
import type { Invoice } from '../../src-shared/domain/billing'
import { ErrorAlert } from '../error-alert'
import { useCan } from '../session/queries'
import { statusLabel } from './deadline'
import { OpenDisputeDialog } from './open-dispute-dialog'
import { useDisputeList } from './queries'

/**
 * The invoice page's disputes: a chip per dispute linking to it, and "Flag a dispute" for an
 * invoice that charged something (finalized or paid).
 */
export const InvoiceDisputes = ({ invoice }: { invoice: Invoice }) => {
  const list = useDisputeList({ invoiceId: invoice.id, limit: 50 })
  const can = useCan()
  const navigate = useNavigate()
  const [flagging, setFlagging] = useState(false)
  const flaggable = invoice.status === 'finalized' || invoice.status === 'paid'
  const disputes = list.data?.disputes ?? []
  return (
    <Stack spacing={1}>
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      <Stack direction="row" useFlexGap sx={{ gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
        {disputes.length === 0 ? (
          <Typography variant="body2">No disputes.</Typography>
        ) : (
          disputes.map((d) => (
            <Chip
              key={d.id}
              component={RouterLink}
              to={`/disputes/${d.id}`}
              clickable
              color={d.status === 'resolved' ? 'default' : 'error'}
              label={`Dispute #${d.id}: ${statusLabel(d)}${d.overdue ? ' (overdue)' : ''}`}
            />
          ))
        )}
        {flaggable ? (
          <Button
            variant="outlined"
            size="small"
            startIcon={<ReportProblemOutlined />}
            disabled={!can('disputes:open')}
            onClick={() => setFlagging(true)}
          >
            Flag a dispute
          </Button>
        ) : null}
      </Stack>
      {flagging ? (
        <OpenDisputeDialog
          invoice={invoice}
          onClose={() => setFlagging(false)}
          onSaved={(d) => void navigate(`/disputes/${d.id}`)}
        />
      ) : null}
    </Stack>
  )
}
