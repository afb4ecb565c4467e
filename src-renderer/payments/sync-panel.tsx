import ExpandMoreOutlined from '@mui/icons-material/ExpandMoreOutlined'
import Accordion from '@mui/material/Accordion'
import AccordionDetails from '@mui/material/AccordionDetails'
import AccordionSummary from '@mui/material/AccordionSummary'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { outboxStatuses, type PaymentsStatus } from '../../src-shared/domain/payments'
import { ErrorAlert } from '../error-alert'
import { OutboxGrid } from './outbox-grid'
import {
  outboxPageSizes,
  outboxStatusLooks,
  readOutboxView,
  toOutboxQuery,
  writeOutboxView,
  type OutboxView,
} from './outbox-view'
import { useOutbox } from './queries'

/** Something needs a person: a failed send, a refused key, or a sync that failed. */
const isStuck = (status: PaymentsStatus | undefined): boolean =>
  status !== undefined &&
  (status.outbox.failed > 0 || status.keyPause !== null || status.lastSyncError !== null)

/**
 * The outbox, as "Sync with Stripe": collapsed while everything flows, open when something is
 * stuck (until the person opens or closes it themselves).
 */
export const SyncPanel = ({ status }: { status: PaymentsStatus | undefined }) => {
  const [params, setParams] = useSearchParams()
  const view = readOutboxView(params)
  const [chosen, setChosen] = useState<boolean | null>(null)
  const expanded = chosen ?? isStuck(status)
  const outbox = useOutbox(toOutboxQuery(view), expanded)
  const replaceView = (next: OutboxView): void => {
    setParams(writeOutboxView(next), { replace: true })
  }
  const counts = status?.outbox
  return (
    <Accordion expanded={expanded} onChange={(_event, open) => setChosen(open)} disableGutters>
      <AccordionSummary expandIcon={<ExpandMoreOutlined />} aria-controls="sync-with-stripe">
        <Typography component="h2" sx={{ fontWeight: 600 }}>
          Sync with Stripe
          {counts
            ? ` · ${counts.pending} waiting, ${counts.failed} failed, ${counts.sent} sent`
            : ''}
        </Typography>
      </AccordionSummary>
      <AccordionDetails id="sync-with-stripe">
        <Stack
          direction="row"
          useFlexGap
          role="group"
          aria-label="Outbox status"
          sx={{ gap: 1, flexWrap: 'wrap', mb: 1 }}
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
        <Box sx={{ minHeight: 360, display: 'flex', flexDirection: 'column' }}>
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
      </AccordionDetails>
    </Accordion>
  )
}
