import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import { useState } from 'react'
import type { Invoice, InvoiceLine } from '../../src-shared/domain/billing'
import type { Channel } from '../../src-shared/ipc/contract'
import { useCan } from '../session/queries'
import { ConfirmDialog } from './confirm-dialog'
import { CreditNoteDialog } from './credit-note-dialog'
import { FinalizeWarnings } from './finalize-warnings'
import { invoiceLabel } from './invoice-path'
import { ManualLineDialog } from './manual-line-dialog'
import { money } from './money'
import { useFinalizeWarnings, useInvoiceAction } from './queries'

export type Action =
  | 'finalize'
  | 'regenerate'
  | 'add-line'
  | 'mark-paid'
  | 'mark-uncollectible'
  | 'void'
  | 'credit-note'

/** What may be done to an invoice in each status, as main allows it (lifecycle.ts, credit-notes.ts). */
export const actionsFor = (invoice: Invoice): Action[] => {
  switch (invoice.status) {
    case 'draft':
      return ['finalize', 'regenerate', 'add-line']
    case 'finalized':
      return ['mark-paid', 'mark-uncollectible', 'void', 'credit-note']
    case 'paid':
      return ['credit-note']
    case 'uncollectible':
      return ['mark-paid']
    case 'void':
      return []
  }
}

const buttonLabels: Record<Action, string> = {
  finalize: 'Finalize',
  regenerate: 'Regenerate',
  'add-line': 'Add manual line',
  'mark-paid': 'Mark paid',
  'mark-uncollectible': 'Mark uncollectible',
  void: 'Void',
  'credit-note': 'Issue credit note',
}

/** The channel each action calls: a role that cannot call it does not see the button. */
const actionChannels: Record<Action, Channel> = {
  finalize: 'invoices:finalize',
  regenerate: 'invoices:regenerate',
  'add-line': 'invoices:add-line',
  'mark-paid': 'invoices:mark-paid',
  'mark-uncollectible': 'invoices:mark-uncollectible',
  void: 'invoices:void',
  'credit-note': 'invoices:credit-note',
}

/** The buttons for an invoice's next steps; each opens its own confirmation. */
export const InvoiceActionButtons = ({
  invoice,
  onAction,
}: {
  invoice: Invoice
  onAction: (action: Action) => void
}) => {
  const can = useCan()
  return (
    <Stack direction="row" useFlexGap sx={{ gap: 1, flexWrap: 'wrap' }}>
      {actionsFor(invoice)
        .filter((action) => can(actionChannels[action]))
        .map((action) => (
          <Button
            key={action}
            variant={action === 'finalize' ? 'contained' : 'outlined'}
            color={action === 'void' || action === 'mark-uncollectible' ? 'error' : 'primary'}
            onClick={() => onAction(action)}
          >
            {buttonLabels[action]}
          </Button>
        ))}
    </Stack>
  )
}

type DialogProps = { invoice: Invoice; onClose: () => void }

const FinalizeDialog = ({ invoice, onClose }: DialogProps) => {
  const finalize = useInvoiceAction('invoices:finalize')
  const check = useFinalizeWarnings([invoice.id])
  const warnings = check.data ?? []
  return (
    <ConfirmDialog
      title="Finalize this invoice?"
      message={
        <Stack spacing={2}>
          <span>
            It gets the next number in the series and can no longer change: corrections are made
            with credit notes. Total {money(invoice.totalMinor, invoice.currency)}.
          </span>
          <FinalizeWarnings warnings={warnings} />
        </Stack>
      }
      confirmLabel={warnings.length > 0 ? 'Finalize invoice anyway' : 'Finalize invoice'}
      // Confirmed only once the warnings are known: nobody confirms what they have not seen.
      pending={finalize.isPending || check.isPending}
      error={finalize.error}
      onConfirm={() => finalize.mutate({ id: invoice.id }, { onSuccess: onClose })}
      onClose={onClose}
    />
  )
}

const RegenerateDialog = ({ invoice, onClose }: DialogProps) => {
  const regenerate = useInvoiceAction('invoices:regenerate')
  return (
    <ConfirmDialog
      title="Regenerate this draft?"
      message="Its lines are priced again from the usage recorded now (late events included). Manual lines are kept."
      confirmLabel="Regenerate"
      pending={regenerate.isPending}
      error={regenerate.error}
      onConfirm={() => regenerate.mutate({ id: invoice.id }, { onSuccess: onClose })}
      onClose={onClose}
    />
  )
}

const MarkPaidDialog = ({ invoice, onClose }: DialogProps) => {
  const markPaid = useInvoiceAction('invoices:mark-paid')
  return (
    <ConfirmDialog
      title={`Mark ${invoiceLabel(invoice)} paid?`}
      message={`Records that ${money(invoice.totalMinor, invoice.currency)} was received.`}
      confirmLabel="Mark paid"
      reason={{ label: 'Note (optional)', field: 'note', required: false }}
      pending={markPaid.isPending}
      error={markPaid.error}
      onConfirm={(note) =>
        markPaid.mutate({ id: invoice.id, ...(note ? { note } : {}) }, { onSuccess: onClose })
      }
      onClose={onClose}
    />
  )
}

const UncollectibleDialog = ({ invoice, onClose }: DialogProps) => {
  const mark = useInvoiceAction('invoices:mark-uncollectible')
  return (
    <ConfirmDialog
      title={`Mark ${invoiceLabel(invoice)} uncollectible?`}
      message="The invoice stays on the books as money you do not expect to receive."
      confirmLabel="Mark uncollectible"
      destructive
      reason={{ label: 'Reason', field: 'reason', required: true }}
      pending={mark.isPending}
      error={mark.error}
      onConfirm={(reason) => mark.mutate({ id: invoice.id, reason }, { onSuccess: onClose })}
      onClose={onClose}
    />
  )
}

const VoidDialog = ({ invoice, onClose }: DialogProps) => {
  const voidInvoice = useInvoiceAction('invoices:void')
  return (
    <ConfirmDialog
      title={`Void ${invoiceLabel(invoice)}?`}
      message="A void invoice is kept, with its number, but is no longer owed. This cannot be undone."
      confirmLabel="Void invoice"
      destructive
      reason={{ label: 'Reason', field: 'reason', required: true }}
      pending={voidInvoice.isPending}
      error={voidInvoice.error}
      onConfirm={(reason) => voidInvoice.mutate({ id: invoice.id, reason }, { onSuccess: onClose })}
      onClose={onClose}
    />
  )
}

/** The dialog for the chosen action, or for removing a manual line. */
export const InvoiceActionDialog = ({
  invoice,
  action,
  onClose,
}: DialogProps & { action: Action }) => {
  switch (action) {
    case 'finalize':
      return <FinalizeDialog invoice={invoice} onClose={onClose} />
    case 'regenerate':
      return <RegenerateDialog invoice={invoice} onClose={onClose} />
    case 'add-line':
      return <ManualLineDialog invoice={invoice} onClose={onClose} />
    case 'mark-paid':
      return <MarkPaidDialog invoice={invoice} onClose={onClose} />
    case 'mark-uncollectible':
      return <UncollectibleDialog invoice={invoice} onClose={onClose} />
    case 'void':
      return <VoidDialog invoice={invoice} onClose={onClose} />
    case 'credit-note':
      return <CreditNoteDialog invoice={invoice} onClose={onClose} />
  }
}

export const RemoveLineDialog = ({
  invoice,
  line,
  onClose,
}: DialogProps & { line: InvoiceLine }) => {
  const remove = useInvoiceAction('invoices:remove-line')
  return (
    <ConfirmDialog
      title="Remove this line?"
      message={`“${line.description}” (${money(line.amountMinor, invoice.currency)}) is removed from the draft.`}
      confirmLabel="Remove line"
      destructive
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() =>
        remove.mutate({ invoiceId: invoice.id, lineId: line.id }, { onSuccess: onClose })
      }
      onClose={onClose}
    />
  )
}

/** Keeps which dialog is open; a hook so the page stays about layout. */
export const useInvoiceDialogs = () => {
  const [action, setAction] = useState<Action | null>(null)
  const [removing, setRemoving] = useState<InvoiceLine | null>(null)
  return { action, setAction, removing, setRemoving }
}
