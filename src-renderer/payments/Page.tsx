import CloudSyncOutlined from '@mui/icons-material/CloudSyncOutlined'
import CloudUploadOutlined from '@mui/icons-material/CloudUploadOutlined'
import SendOutlined from '@mui/icons-material/SendOutlined'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { outboxStatuses, type ProcessResult } from '../../src-shared/domain/payments'
import { ErrorAlert } from '../error-alert'
import { ProcessResultAlert } from '../retries/process-result'
import { useProcessNow } from '../retries/queries'
import { useCan } from '../session/queries'
import { areas } from '../shell/areas'
import { PageHeader } from '../shell/page-header'
import { ConnectionCard } from './connection-card'
import { OutboxGrid } from './outbox-grid'
import {
  outboxPageSizes,
  outboxStatusLooks,
  readOutboxView,
  toOutboxQuery,
  writeOutboxView,
  type OutboxView,
} from './outbox-view'
import { PushDialog } from './push-dialog'
import { useOutbox, usePaymentsStatus, useSync } from './queries'

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`

export const PaymentsPage = () => {
  const [params, setParams] = useSearchParams()
  const view = readOutboxView(params)
  const status = usePaymentsStatus()
  const outbox = useOutbox(toOutboxQuery(view))
  const send = useProcessNow()
  const sync = useSync()
  const can = useCan()
  const [pushing, setPushing] = useState(false)
  const [notice, setNotice] = useState<string>()
  const [processed, setProcessed] = useState<ProcessResult>()

  const replaceView = (next: OutboxView): void => {
    setParams(writeOutboxView(next), { replace: true })
  }
  const actionError = send.error ?? sync.error

  return (
    <>
      <PageHeader
        title={areas.payments.label}
        description="Finalized invoices pushed to Stripe and collected through the outbox, and Stripe's events read back."
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
      <Stack
        direction="row"
        useFlexGap
        sx={{ gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}
      >
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          Outbox
        </Typography>
        <Stack
          direction="row"
          useFlexGap
          role="group"
          aria-label="Outbox status"
          sx={{ gap: 1, flexWrap: 'wrap' }}
        >
          <Chip
            label="All"
            color={view.status === null ? 'primary' : 'default'}
            variant={view.status === null ? 'filled' : 'outlined'}
            aria-pressed={view.status === null}
            onClick={() => replaceView({ ...view, status: null, page: 0 })}
          />
          {outboxStatuses.map((option) => (
            <Chip
              key={option}
              label={outboxStatusLooks[option].label}
              color={view.status === option ? 'primary' : 'default'}
              variant={view.status === option ? 'filled' : 'outlined'}
              aria-pressed={view.status === option}
              onClick={() => replaceView({ ...view, status: option, page: 0 })}
            />
          ))}
        </Stack>
      </Stack>
      {outbox.isError ? (
        <Box sx={{ mb: 2 }}>
          <ErrorAlert
            error={outbox.error}
            action={
              <Button color="inherit" onClick={() => void outbox.refetch()}>
                Retry
              </Button>
            }
          />
        </Box>
      ) : null}
      <Box sx={{ flex: '1 1 auto', minHeight: 360, display: 'flex', flexDirection: 'column' }}>
        <OutboxGrid
          entries={outbox.data?.entries ?? []}
          total={outbox.data?.total}
          loading={outbox.isFetching}
          paginationModel={{ page: view.page, pageSize: view.pageSize }}
          onPaginationModelChange={({ page, pageSize }) =>
            replaceView({
              ...view,
              pageSize: outboxPageSizes.find((size) => size === pageSize) ?? view.pageSize,
              page: pageSize === view.pageSize ? page : 0,
            })
          }
          emptyLabel={
            view.status
              ? 'Nothing in the outbox with this status.'
              : 'The outbox is empty. Push the invoices of a period to send them to Stripe.'
          }
        />
      </Box>
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
