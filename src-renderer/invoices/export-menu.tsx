import FileDownloadOutlined from '@mui/icons-material/FileDownloadOutlined'
import Button from '@mui/material/Button'
import Menu from '@mui/material/Menu'
import MenuItem from '@mui/material/MenuItem'
import { useState } from 'react'
import type { In } from '../../src-shared/ipc/contract'
import { downloadText } from '../usage/download'
import { AccountingExportDialog } from './accounting-export-dialog'
import { useInvoicesCsv } from './queries'

type Props = {
  /** The list's filters that the export understands (period and status). */
  filter: Omit<In<'invoices:export-csv'>, 'lines' | 'creditNotes'>
  onError: (error: unknown) => void
}

/** Exports the filtered invoices as CSV, one row per invoice or one per line. */
export const ExportCsvMenu = ({ filter, onError }: Props) => {
  const csv = useInvoicesCsv()
  const [anchor, setAnchor] = useState<HTMLElement | null>(null)
  const [accounting, setAccounting] = useState(false)

  const exportCsv = (what: { lines?: boolean; creditNotes?: boolean }): void => {
    setAnchor(null)
    csv.mutate(
      { ...filter, ...what },
      {
        onSuccess: ({ text, fileName }) => downloadText(text, fileName, 'text/csv'),
        onError,
      },
    )
  }

  return (
    <>
      <Button
        variant="outlined"
        startIcon={<FileDownloadOutlined />}
        aria-haspopup="menu"
        aria-expanded={anchor !== null}
        disabled={csv.isPending}
        onClick={(event) => setAnchor(event.currentTarget)}
      >
        Export CSV
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        <MenuItem onClick={() => exportCsv({})}>Invoices</MenuItem>
        <MenuItem onClick={() => exportCsv({ lines: true })}>Invoices with lines</MenuItem>
        <MenuItem onClick={() => exportCsv({ creditNotes: true })}>Credit notes</MenuItem>
        <MenuItem
          onClick={() => {
            setAnchor(null)
            setAccounting(true)
          }}
        >
          Accounting export…
        </MenuItem>
      </Menu>
      {accounting ? <AccountingExportDialog onClose={() => setAccounting(false)} /> : null}
    </>
  )
}
