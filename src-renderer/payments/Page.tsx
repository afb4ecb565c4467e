import CloudSyncOutlined from '@mui/icons-material/CloudSyncOutlined'
import CloudUploadOutlined from '@mui/icons-material/CloudUploadOutlined'
import SendOutlined from '@mui/icons-material/SendOutlined'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import type { ProcessResult } from '../../src-shared/domain/payments'
import { ErrorAlert } from '../error-alert'
import { ProcessResultAlert } from '../retries/process-result'
import { useProcessNow } from '../retries/queries'
import { useCan } from '../session/queries'
import { areas } from '../shell/areas'
import { PageHeader } from '../shell/page-header'
import { ConnectionCard } from './connection-card'
import { PaymentList } from './payment-list'
import { PushDialog } from './push-dialog'
import { usePaymentsStatus, useSync } from './queries'
import { SyncPanel } from './sync-panel'

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`

export const PaymentsPage = () => {
  const status = usePaymentsStatus()
  const send = useProcessNow()
  const sync = useSync()
  const can = useCan()
  const [pushing, setPushing] = useState(false)
  const [notice, setNotice] = useState<string>()
  const [processed, setProcessed] = useState<ProcessResult>()

  const actionError = send.error ?? sync.error

  return (
    <>
      <PageHeader
        title={areas.payments.label}
        description="Payments received and refunds; below, the sync with Stripe (the outbox and Stripe's events)."
        actions={
          <>
            <Button
              variant="outlined"
              startIcon={<CloudUploadOutlined />}
              sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
              disabled={!can('payments:push')}
              onClick={() => setPushing(true)}
            >
              Push invoices of a period
            </Button>
            <Button
              variant="contained"
              startIcon={<SendOutlined />}
              sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
              disabled={send.isPending || !can('retries:process')}
              onClick={() => send.mutate({}, { onSuccess: setProcessed })}
            >
              Send now
            </Button>
            <Button
              variant="outlined"
              startIcon={<CloudSyncOutlined />}
              sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
              disabled={sync.isPending || !can('payments:sync')}
              onClick={() =>
                sync.mutate(undefined, {
                  onSuccess: (result) =>
                    setNotice(
                      `Sync: ${plural(result.fetched, 'event')} read, ${result.applied} applied, ${result.skipped} skipped.`,
                    ),
                })
              }
            >
              Sync events now
            </Button>
          </>
        }
      />
      {send.isPending || sync.isPending ? (
        <LinearProgress aria-label={send.isPending ? 'Sending' : 'Syncing'} sx={{ mb: 2 }} />
      ) : null}
      {processed ? (
        <ProcessResultAlert result={processed} onClose={() => setProcessed(undefined)} />
      ) : null}
      {notice ? (
        <Alert severity="success" role="status" onClose={() => setNotice(undefined)} sx={{ mb: 2 }}>
          {notice}
        </Alert>
      ) : null}
      {actionError ? (
        <Box sx={{ mb: 2 }}>
          <ErrorAlert error={actionError} />
        </Box>
      ) : null}
      {status.isError ? (
        <Box sx={{ mb: 2 }}>
          <ErrorAlert error={status.error} />
        </Box>
      ) : null}
      {status.data ? <ConnectionCard status={status.data} /> : null}
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1 }}>
        Payments and refunds
      </Typography>
      <PaymentList />
      <SyncPanel status={status.data} />
      {pushing ? (
        <PushDialog
          onClose={() => setPushing(false)}
          onDone={(result, period) =>
            setNotice(
              `${period}: ${plural(result.queued, 'invoice')} queued` +
                (result.alreadyQueued > 0 ? `, ${result.alreadyQueued} already queued` : '') +
                '. Press “Send now” to send them at once.',
            )
          }
        />
      ) : null}
    </>
  )
}
