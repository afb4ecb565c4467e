import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Chip from '@mui/material/Chip'
import Link from '@mui/material/Link'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import type { ReactNode } from 'react'
import { Link as RouterLink } from 'react-router'
import type { PaymentsStatus } from '../../src-shared/domain/payments'
import { formatDateTime } from '../format'
import { areas } from '../shell/areas'

export const keySourceLabels: Record<NonNullable<PaymentsStatus['keySource']>, string> = {
  stored: 'stored encrypted on this computer',
  session: 'kept for this session only',
  environment: 'from METERBOOK_STRIPE_KEY',
}

const Figure = ({ label, value, testId }: { label: string; value: ReactNode; testId: string }) => (
  <Box>
    <Typography
      variant="overline"
      component="div"
      sx={{ color: 'text.secondary', lineHeight: 1.6 }}
    >
      {label}
    </Typography>
    <Typography variant="h6" component="div" data-testid={testId}>
      {value}
    </Typography>
  </Box>
)

/** Whether Stripe is set up, where the key comes from, the outbox's counts and the last sync. */
export const ConnectionCard = ({ status }: { status: PaymentsStatus }) => (
  <Paper
    variant="outlined"
    component="section"
    aria-label="Stripe connection"
    sx={{ p: 2.5, mb: 2 }}
  >
    <Stack
      direction="row"
      useFlexGap
      sx={{ gap: 1.5, alignItems: 'center', flexWrap: 'wrap', mb: 1.5 }}
    >
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
        Stripe
      </Typography>
      <Chip
        size="small"
        label={status.configured ? 'Key configured' : 'Not configured'}
        color={status.configured ? 'success' : 'warning'}
        data-testid="stripe-configured"
      />
      {status.keyHint ? (
        <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
          {status.keyHint}
        </Typography>
      ) : null}
      {status.keySource ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {keySourceLabels[status.keySource]}
        </Typography>
      ) : null}
      <Link component={RouterLink} to={areas.settings.path} variant="body2" sx={{ ml: 'auto' }}>
        Stripe key in Settings
      </Link>
    </Stack>
    {status.apiBase ? (
      <Alert severity="info" variant="outlined" sx={{ mb: 1.5 }}>
        Talking to {status.apiBase} instead of Stripe.
      </Alert>
    ) : null}
    {!status.configured ? (
      <Alert severity="warning" sx={{ mb: 1.5 }}>
        Without a key, pushed invoices wait in the outbox; they are sent once a key is set.
      </Alert>
    ) : null}
    <Stack direction="row" useFlexGap sx={{ gap: 4, flexWrap: 'wrap' }}>
      <Figure label="Waiting to send" value={status.outbox.pending} testId="outbox-pending" />
      <Figure label="Failed" value={status.outbox.failed} testId="outbox-failed" />
      <Figure label="Sent" value={status.outbox.sent} testId="outbox-sent" />
      <Figure
        label="Last event sync"
        value={
          <Typography variant="body1" component="span">
            {status.lastSyncAt ? formatDateTime(status.lastSyncAt) : 'Never'}
          </Typography>
        }
        testId="last-sync"
      />
    </Stack>
    {status.keyPause ? (
      <Alert severity="error" sx={{ mt: 1.5 }} data-testid="key-pause">
        {status.keyPause.message}
      </Alert>
    ) : null}
    {status.lastSyncError ? (
      <Alert severity="error" sx={{ mt: 1.5 }} data-testid="last-sync-error">
        The last sync failed: {status.lastSyncError}
      </Alert>
    ) : null}
  </Paper>
)
