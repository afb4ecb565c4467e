import ArrowBackOutlined from '@mui/icons-material/ArrowBackOutlined'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import LinearProgress from '@mui/material/LinearProgress'
import Link from '@mui/material/Link'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useState, type ReactNode } from 'react'
import { Link as RouterLink, useParams } from 'react-router'
import type { DisputeDetail } from '../../src-shared/domain/disputes'
import { Section } from '../customers/customer-details'
import { customerPath } from '../customers/customer-path'
import { ErrorAlert } from '../error-alert'
import { formatDateTime } from '../format'
import { invoicePath } from '../invoices/invoice-path'
import { money } from '../invoices/money'
import { useBusinessZone } from '../invoices/period-format'
import { useCan } from '../session/queries'
import { PageHeader } from '../shell/page-header'
import { Deadline, statusLabel } from './deadline'
import { useDispute } from './queries'
import { ResolveDialog, ReviewDialog } from './step-dialogs'

const BackToDisputes = () => (
  <Box sx={{ mb: 1, ml: -0.5 }}>
    <Button component={RouterLink} to="/disputes" startIcon={<ArrowBackOutlined />}>
      All disputes
    </Button>
  </Box>
)

const Fact = ({ term, children }: { term: string; children: ReactNode }) => (
  <Box>
    <Typography variant="overline" component="dt" sx={{ color: 'text.secondary' }}>
      {term}
    </Typography>
    <Typography variant="body2" component="dd" sx={{ m: 0 }}>
      {children}
    </Typography>
  </Box>
)

const Facts = ({ d, zone }: { d: DisputeDetail; zone: string }) => (
  <Box
    component="dl"
    sx={{
      m: 0,
      display: 'grid',
      gap: 2,
      gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))',
    }}
  >
    <Fact term="Invoice">
      <Link component={RouterLink} to={invoicePath(d.invoiceId)}>
        {d.invoiceNumber ?? `draft-${d.invoiceId}`}
      </Link>
      {d.lineDescription ? ` · ${d.lineDescription}` : ''}
    </Fact>
    <Fact term="Customer">
      <Link component={RouterLink} to={customerPath(d.customerId)}>
        {d.customerName}
      </Link>
    </Fact>
    <Fact term="Amount (before tax)">{money(d.amountMinor, d.currency)}</Fact>
    <Fact term="Deadline">
      <Deadline dispute={d} zone={zone} />
    </Fact>
    <Fact term="Reason">{d.reason}</Fact>
    <Fact term="Contact">{d.contact || '—'}</Fact>
    <Fact term="Source">
      {d.source === 'stripe' ? `Stripe (${d.stripeDisputeId ?? ''})` : 'Flagged here'}
    </Fact>
    {d.creditNoteNumber ? <Fact term="Credit note">{d.creditNoteNumber}</Fact> : null}
  </Box>
)

/** `/disputes/:id`: one dispute, its history, and its next step. */
export const DisputePage = () => {
  const { id: raw = '' } = useParams()
  const id = /^\d+$/.test(raw) ? Number(raw) : 0
  const dispute = useDispute(id)
  const zone = useBusinessZone()
  const can = useCan()
  const [step, setStep] = useState<'review' | 'resolve' | null>(null)

  if (dispute.isPending || dispute.isError)
    return (
      <>
        <BackToDisputes />
        <PageHeader title={`Dispute ${raw}`} />
        {dispute.isPending ? <LinearProgress aria-label="Loading dispute" /> : null}
        {dispute.isError ? <ErrorAlert error={dispute.error} /> : null}
      </>
    )
  const d = dispute.data
  const manual = d.source === 'manual'
  return (
    <>
      <BackToDisputes />
      <PageHeader
        title={`Dispute #${d.id}`}
        description={
          <Stack component="span" direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Chip
              size="small"
              label={statusLabel(d)}
              color={d.status === 'resolved' ? 'default' : 'warning'}
            />
            <span>
              {d.customerName} · {d.reason}
            </span>
          </Stack>
        }
        actions={
          manual ? (
            <>
              {d.status === 'open' ? (
                <Button
                  variant="contained"
                  disabled={!can('disputes:review')}
                  onClick={() => setStep('review')}
                >
                  Take under review
                </Button>
              ) : null}
              {d.status === 'under_review' ? (
                <Button
                  variant="contained"
                  disabled={!can('disputes:resolve')}
                  onClick={() => setStep('resolve')}
                >
                  Resolve
                </Button>
              ) : null}
            </>
          ) : null
        }
      />
      <Stack spacing={2}>
        {!manual && d.status !== 'resolved' ? (
          <Typography variant="body2">
            Stripe decides this dispute: respond in the Stripe dashboard; its outcome arrives with
            the next sync.
          </Typography>
        ) : null}
        <Section title="Details">
          <Facts d={d} zone={zone} />
        </Section>
        <Section title="History">
          <Box component="ol" aria-label="Dispute history" sx={{ m: 0, pl: 2.5 }}>
            {d.history.map((s, index) => (
              <Typography component="li" variant="body2" key={index}>
                {formatDateTime(s.at)} · {s.operator} · {s.step}: {s.note}
              </Typography>
            ))}
          </Box>
        </Section>
      </Stack>
      {step === 'review' ? <ReviewDialog dispute={d} onClose={() => setStep(null)} /> : null}
      {step === 'resolve' ? <ResolveDialog dispute={d} onClose={() => setStep(null)} /> : null}
    </>
  )
}
