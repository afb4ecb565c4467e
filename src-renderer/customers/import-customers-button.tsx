import UploadFileOutlined from '@mui/icons-material/UploadFileOutlined'
import Alert from '@mui/material/Alert'
import AlertTitle from '@mui/material/AlertTitle'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useRef, useState } from 'react'
import type { CustomerImportResult } from '../../src-shared/domain/customers'
import { errorMessage, errorTitle } from '../error-alert'
import { CountTiles } from './count-tiles'
import { useImportCustomers } from './queries'
import { RejectsTable, rejectPageSizes } from './rejects-table'

const Result = ({ result }: { result: CustomerImportResult }) => {
  const [paging, setPaging] = useState<{ page: number; pageSize: number }>({
    page: 0,
    pageSize: rejectPageSizes[0],
  })
  const start = paging.page * paging.pageSize
  return (
    <Stack spacing={2}>
      <CountTiles
        label="Import counts"
        counts={[
          { label: 'Read', value: result.read, testId: 'count-read' },
          { label: 'Created', value: result.created, testId: 'count-created', tone: 'success' },
          { label: 'Updated', value: result.updated, testId: 'count-updated', tone: 'success' },
          { label: 'Unchanged', value: result.unchanged, testId: 'count-unchanged' },
          { label: 'Rejected', value: result.rejected, testId: 'count-rejected', tone: 'error' },
        ]}
      />
      {result.rejects.length > 0 ? (
        <>
          <Typography variant="subtitle2" component="h3">
            Rejected rows
          </Typography>
          <RejectsTable
            rows={result.rejects.slice(start, start + paging.pageSize)}
            total={result.rejects.length}
            page={paging.page}
            pageSize={paging.pageSize}
            onPage={(page, pageSize) => setPaging({ page, pageSize })}
          />
        </>
      ) : (
        <Alert severity="success">Every row was imported.</Alert>
      )}
    </Stack>
  )
}

const columnsHelp =
  'Columns: external_id, name, email, plan, start_date; optional currency, billing_anchor_day, trial_end, tax_region, tax_exempt.'

/**
 * Creates or updates customers from a CSV file. Rows are judged one by one on the server: good rows
 * are saved, and each bad one comes back with its row, column and reason.
 */
export const ImportCustomersButton = () => {
  const input = useRef<HTMLInputElement>(null)
  const importCustomers = useImportCustomers()
  const [fileName, setFileName] = useState<string>()

  const importFile = async (file: File): Promise<void> => {
    setFileName(file.name)
    importCustomers.reset()
    const text = await file.text()
    importCustomers.mutate({ text, fileName: file.name })
  }

  const close = (): void => {
    setFileName(undefined)
    importCustomers.reset()
  }

  return (
    <>
      <Button
        variant="outlined"
        startIcon={<UploadFileOutlined />}
        onClick={() => input.current?.click()}
        title={columnsHelp}
      >
        Import CSV
      </Button>
      <input
        ref={input}
        type="file"
        accept=".csv,text/csv"
        hidden
        aria-label="Customer CSV file to import"
        onChange={(event) => {
          const file = event.target.files?.[0]
          // Cleared so choosing the same file again (after fixing it) fires another change.
          event.target.value = ''
          if (file) void importFile(file)
        }}
      />
      <Dialog open={fileName !== undefined} onClose={close} maxWidth="md" fullWidth>
        <DialogTitle>Import {fileName}</DialogTitle>
        <DialogContent>
          {importCustomers.isPending ? <LinearProgress aria-label="Importing" /> : null}
          {importCustomers.data ? <Result result={importCustomers.data} /> : null}
          {importCustomers.isError ? (
            <Alert severity="error" sx={{ '& .MuiAlert-message': { minWidth: 0 } }}>
              <AlertTitle>Nothing was imported: {errorTitle(importCustomers.error)}</AlertTitle>
              <Box
                component="pre"
                sx={{ m: 0, fontFamily: 'monospace', fontSize: 12, whiteSpace: 'pre-wrap' }}
              >
                {errorMessage(importCustomers.error)}
              </Box>
              <Typography variant="body2" sx={{ mt: 1 }}>
                {columnsHelp}
              </Typography>
            </Alert>
          ) : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={close} autoFocus>
            Close
          </Button>
        </DialogActions>
      </Dialog>
    </>
  )
}
