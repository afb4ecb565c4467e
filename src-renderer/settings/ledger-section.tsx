import Box from '@mui/material/Box'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'
import { channelQuery } from '../channel-query'
import { ErrorAlert } from '../error-alert'

/**
 * Which ledger these settings (and everything else) are read from and written to: with two
 * copies of the books possible (a file and a server), a person must be able to tell which one
 * they are changing.
 */
export const LedgerSection = () => {
  const info = useQuery(channelQuery('system:info', {}))
  return (
    <Stack spacing={1} sx={{ maxWidth: 720 }} component="section" aria-labelledby="ledger-heading">
      <Typography variant="h6" component="h2" id="ledger-heading">
        Ledger
      </Typography>
      {info.isError ? <ErrorAlert error={info.error} /> : null}
      {info.data ? (
        <>
          <Typography variant="body2">
            In use:{' '}
            <Box
              component="span"
              sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}
              data-testid="ledger-in-use"
            >
              {info.data.ledger.path}
            </Box>{' '}
            (SQLite file, {info.data.ledger.encrypted ? 'encrypted at rest' : 'not encrypted'})
          </Typography>
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            Choose another file with --db when starting Meterbook. To share the books, copy this
            ledger to a PostgreSQL server with `meterbook ledger copy --from FILE --to
            postgres://…`; the app itself still runs on the file until its move to the server lands.
          </Typography>
        </>
      ) : null}
    </Stack>
  )
}
