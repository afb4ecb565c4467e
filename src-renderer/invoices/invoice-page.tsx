import ArrowBackOutlined from '@mui/icons-material/ArrowBackOutlined'
import FileDownloadOutlined from '@mui/icons-material/FileDownloadOutlined'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import Link from '@mui/material/Link'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useState, type ReactNode } from 'react'
import { Link as RouterLink, useParams } from 'react-router'
import type { Invoice } from '../../src-shared/domain/billing'
import { Section } from '../customers/customer-details'
import { customerPath } from '../customers/customer-path'
import { InvoiceDisputes } from '../disputes/invoice-disputes'
import { ErrorAlert } from '../error-alert'
import { formatDateTime } from '../format'
import { PageHeader } from '../shell/page-header'
import { CreditNotes } from './credit-notes'
import {
  InvoiceActionButtons,
  InvoiceActionDialog,
  RemoveLineDialog,
  useInvoiceDialogs,
} from './invoice-actions'
import { invoiceLabel } from './invoice-path'
import { FinalizeWarnings } from './finalize-warnings'
import { InvoiceHistory } from './invoice-history'
import { InvoiceLines } from './invoice-lines'
import { downloadPdf } from './pdf'
import { PdfPreview } from './pdf-preview'
import { formatBusinessDay, formatPeriodRange, useBusinessZone } from './period-format'
import { useFinalizeWarnings, useInvoice, useInvoicePdf } from './queries'
import { InvoiceStatusChip } from './status-chip'
import { StripePayment } from './stripe-payment'
import { InvoiceEmails } from './invoice-emails'

const BackToInvoices = () => (
  <Box sx={{ mb: 1, ml: -0.5 }}>
    <Button component={RouterLink} to="/invoices" startIcon={<ArrowBackOutlined />}>
      All invoices
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

const Facts = ({ invoice, zone }: { invoice: Invoice; zone: string }) => (
  <Box
    component="dl"
    sx={{
      m: 0,
      display: 'grid',
      gap: 2,
      gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))',
    }}
  >
    <Fact term="Customer">
      <Link component={RouterLink} to={customerPath(invoice.customerId)}>
        {invoice.customerName}
      </Link>{' '}
      ({invoice.customerId})
    </Fact>
    <Fact term="Period">{formatPeriodRange(invoice.periodStart, invoice.periodEnd, zone)}</Fact>
    <Fact term="Issued">{invoice.issuedAt ? formatDateTime(invoice.issuedAt) : '—'}</Fact>
    <Fact term="Due">{invoice.dueDate ? formatBusinessDay(invoice.dueDate, zone) : '—'}</Fact>
    <Fact term="Currency">{invoice.currency}</Fact>
    {invoice.finalizedBy ? <Fact term="Finalized by">{invoice.finalizedBy}</Fact> : null}
    {invoice.paidAt ? <Fact term="Paid">{formatDateTime(invoice.paidAt)}</Fact> : null}
    {invoice.voidedAt ? <Fact term="Voided">{formatDateTime(invoice.voidedAt)}</Fact> : null}
  </Box>
)

/** Said on the draft itself too, so it can be fixed before anyone reaches for Finalize. */
const DraftWarnings = ({ id }: { id: number }) => {
  const check = useFinalizeWarnings([id])
  return <FinalizeWarnings warnings={check.data ?? []} />
}

/** `/invoices/:id`: one invoice, its lines and totals, what can be done next, and its PDF. */
export const InvoicePage = () => {
  const { id: raw = '' } = useParams()
  const id = /^\d+$/.test(raw) ? Number(raw) : 0
  const invoice = useInvoice(id)
  const pdf = useInvoicePdf()
  const dialogs = useInvoiceDialogs()
  const [previewing, setPreviewing] = useState(false)
  const zone = useBusinessZone()

  if (invoice.isPending || invoice.isError) {
    return (
      <>
        <BackToInvoices />
        <PageHeader title={`Invoice ${raw}`} />
        {invoice.isPending ? <LinearProgress aria-label="Loading invoice" /> : null}
        {invoice.isError ? <ErrorAlert error={invoice.error} /> : null}
      </>
    )
  }

  const data = invoice.data
  const download = (creditNoteId?: number): void =>
    pdf.mutate(
      { id: data.id, ...(creditNoteId === undefined ? {} : { creditNoteId }) },
      { onSuccess: ({ base64, fileName }) => downloadPdf(base64, fileName) },
    )

  return (
    <>
      <BackToInvoices />
      <PageHeader
        title={data.number === null ? 'Draft invoice' : `Invoice ${data.number}`}
        description={
          <Stack component="span" direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <InvoiceStatusChip status={data.status} />
            <span>
              {data.customerName} · {data.period}
            </span>
          </Stack>
        }
        actions={
          <>
            <Button
              variant="outlined"
              startIcon={<FileDownloadOutlined />}
              disabled={pdf.isPending}
              onClick={() => download()}
            >
              Download PDF
            </Button>
            <Button variant="outlined" onClick={() => setPreviewing((value) => !value)}>
              {previewing ? 'Hide preview' : 'Preview PDF'}
            </Button>
          </>
        }
      />
      <Stack spacing={2}>
        {pdf.isError ? <ErrorAlert error={pdf.error} /> : null}
        <InvoiceActionButtons invoice={data} onAction={dialogs.setAction} />
        {data.status === 'draft' ? (
          <>
            <Alert severity="info">
              A draft has no number yet and can still change. Finalize it to number and issue it.
            </Alert>
            <DraftWarnings id={data.id} />
          </>
        ) : null}
        <Section title="Details">
          <Facts invoice={data} zone={zone} />
        </Section>
        <Section title="Lines">
          <InvoiceLines
            invoice={data}
            {...(data.status === 'draft' ? { onRemoveLine: dialogs.setRemoving } : {})}
          />
        </Section>
        {data.notes.length > 0 ? (
          <Section title="Notes">
            <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
              {data.notes.map((note, index) => (
                <Typography component="li" variant="body2" key={index}>
                  {note}
                </Typography>
              ))}
            </Box>
          </Section>
        ) : null}
        {data.status !== 'draft' ? (
          <Section title="Payment">
            <StripePayment invoice={data} />
          </Section>
        ) : null}
        {data.status !== 'draft' ? (
          <Section title="Disputes">
            <InvoiceDisputes invoice={data} />
          </Section>
        ) : null}
        {data.status !== 'draft' ? (
          <Section title="Emails">
            <InvoiceEmails invoice={data} />
          </Section>
        ) : null}
        <Section title="Credit notes">
          <CreditNotes invoice={data} onDownload={download} downloading={pdf.isPending} />
        </Section>
        <Section title="History">
          <InvoiceHistory invoice={data} />
        </Section>
        {previewing ? (
          <Section title="PDF preview">
            <PdfPreview
              invoiceId={data.id}
              version={data.updatedAt}
              title={`PDF of ${invoiceLabel(data)}`}
            />
          </Section>
        ) : null}
      </Stack>
      {dialogs.action ? (
        <InvoiceActionDialog
          invoice={data}
          action={dialogs.action}
          onClose={() => dialogs.setAction(null)}
        />
      ) : null}
      {dialogs.removing ? (
        <RemoveLineDialog
          invoice={data}
          line={dialogs.removing}
          onClose={() => dialogs.setRemoving(null)}
        />
      ) : null}
    </>
  )
}
