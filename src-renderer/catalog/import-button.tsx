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
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import { useRef, useState } from 'react'
import type { CatalogImportResult } from '../../src-shared/domain/catalog'
import { errorMessage, errorTitle } from '../error-alert'
import { useImportCatalog } from './queries'

const outcomeLabels: Record<CatalogImportResult['plans'][number]['outcome'], string> = {
  created: 'Created and published',
  new_version: 'New version published',
  unchanged: 'Unchanged',
}

const Results = ({ result }: { result: CatalogImportResult }) =>
  result.plans.length === 0 ? (
    <Alert severity="info">The file holds no plans.</Alert>
  ) : (
    <Table aria-label="Imported plans">
      <TableHead>
        <TableRow>
          <TableCell>Plan</TableCell>
          <TableCell>Outcome</TableCell>
          <TableCell align="right">Version</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {result.plans.map((plan) => (
          <TableRow key={plan.id}>
            <TableCell>
              <code>{plan.id}</code>
            </TableCell>
            <TableCell>{outcomeLabels[plan.outcome]}</TableCell>
            <TableCell align="right">{plan.version}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )

/**
 * Imports plans from a YAML or JSON catalog file. The whole file is read here and judged by the
 * server, whose message lists each problem as `path (line N): reason`.
 */
export const ImportButton = () => {
  const input = useRef<HTMLInputElement>(null)
  const importCatalog = useImportCatalog()
  const [fileName, setFileName] = useState<string>()

  const importFile = async (file: File): Promise<void> => {
    setFileName(file.name)
    importCatalog.reset()
    const text = await file.text()
    importCatalog.mutate({ text, fileName: file.name })
  }

  const close = (): void => {
    setFileName(undefined)
    importCatalog.reset()
  }

  return (
    <>
      <Button
        variant="outlined"
        startIcon={<UploadFileOutlined />}
        onClick={() => input.current?.click()}
      >
        Import
      </Button>
      <input
        ref={input}
        type="file"
        accept=".yaml,.yml,.json"
        hidden
        aria-label="Catalog file to import"
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
          {importCatalog.isPending ? <LinearProgress aria-label="Importing" /> : null}
          {importCatalog.data ? <Results result={importCatalog.data} /> : null}
          {importCatalog.isError ? (
            <Alert severity="error" sx={{ '& .MuiAlert-message': { minWidth: 0 } }}>
              <AlertTitle>Nothing was imported: {errorTitle(importCatalog.error)}</AlertTitle>
              <Box
                component="pre"
                sx={{ m: 0, fontFamily: 'monospace', fontSize: 12, whiteSpace: 'pre-wrap' }}
              >
                {errorMessage(importCatalog.error)}
              </Box>
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
