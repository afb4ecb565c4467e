import Alert from '@mui/material/Alert'
import AlertTitle from '@mui/material/AlertTitle'
import Box from '@mui/material/Box'
import type { FinalizeWarning } from '../../src-shared/domain/documents'

/**
 * What finalizing would issue wrong, said before it happens: an issued invoice never changes, so
 * empty seller details or a missing tax rate would stay on it for good. The same seller warning
 * for many drafts is listed once.
 */
export const FinalizeWarnings = ({ warnings }: { warnings: FinalizeWarning[] }) => {
  const messages = [...new Set(warnings.map((w) => w.message))]
  if (messages.length === 0) return null
  return (
    <Alert severity="warning" aria-label="Finalize warnings">
      <AlertTitle>Check before issuing</AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {messages.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </Box>
    </Alert>
  )
}
