import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogContentText from '@mui/material/DialogContentText'
import DialogTitle from '@mui/material/DialogTitle'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import { useState, type SyntheticEvent } from 'react'
import { ApiError } from '../api'
import { ErrorAlert } from '../error-alert'
import { downloadText } from '../usage/download'
import { useAccountingExport } from './queries'

/** The first and last day of last month, as YYYY-MM-DD: what month end usually exports. */
const lastMonth = (): { from: string; to: string } => {
  const now = new Date()
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0))
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) }
}

/** The accounting export (the CLI's `export accounting`): five CSVs for a range of days. */
export const AccountingExportDialog = ({ onClose }: { onClose: () => void }) => {
  const [range, setRange] = useState(lastMonth)
  const exported = useAccountingExport()
  const fields = exported.error instanceof ApiError ? exported.error.fields : undefined

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault()
    event.stopPropagation()
    exported.mutate(range, {
      onSuccess: ({ files }) => {
        for (const file of files) downloadText(file.text, file.fileName, 'text/csv')
        onClose()
      },
    })
  }

  return (
    <Dialog
      open
      onClose={exported.isPending ? undefined : onClose}
      maxWidth="xs"
      fullWidth
      slotProps={{ paper: { component: 'form', onSubmit: submit } }}
    >
      <DialogTitle>Accounting export</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText>
            Invoices issued, their lines, credit notes, payments and refunds of these days (business
            time zone), as five CSV files.
          </DialogContentText>
          {exported.error && !fields ? <ErrorAlert error={exported.error} /> : null}
          <TextField
            label="From"
            type="date"
            value={range.from}
            onChange={(e) => setRange({ ...range, from: e.target.value })}
            error={Boolean(fields?.['from'])}
            helperText={fields?.['from']}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <TextField
            label="To"
            type="date"
            value={range.to}
            onChange={(e) => setRange({ ...range, to: e.target.value })}
            error={Boolean(fields?.['to'])}
            helperText={fields?.['to']}
            slotProps={{ inputLabel: { shrink: true } }}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={exported.isPending}>
          Cancel
        </Button>
        <Button type="submit" variant="contained" disabled={exported.isPending}>
          Export
        </Button>
      </DialogActions>
    </Dialog>
  )
}
