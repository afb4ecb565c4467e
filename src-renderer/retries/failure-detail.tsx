import CloseOutlined from '@mui/icons-material/CloseOutlined'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Drawer from '@mui/material/Drawer'
import IconButton from '@mui/material/IconButton'
import LinearProgress from '@mui/material/LinearProgress'
import Link from '@mui/material/Link'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import type { ReactNode } from 'react'
import { Link as RouterLink } from 'react-router'
import type { FailureDetail } from '../../src-shared/domain/payments'
import { ErrorAlert } from '../error-alert'
import { formatDateTime } from '../format'
import { invoicePath } from '../invoices/invoice-path'
import { money } from '../invoices/money'
import { actionLooks, actionOrder, type ActionKind } from './actions'
import { AttemptsTable } from './attempts-table'
import { StrategyChip } from './failure-grid'
import { errorText, failureStatusLooks, operationLabels, whenWithAbsolute } from './labels'
import { useFailure } from './queries'

const Fact = ({ label, children }: { label: string; children: ReactNode }) => (
  <>
    <Typography component="dt" variant="body2" sx={{ color: 'text.secondary' }}>
      {label}
    </Typography>
    <Typography component="dd" variant="body2" sx={{ m: 0, overflowWrap: 'anywhere' }}>
      {children}
    </Typography>
  </>
)

const Facts = ({ failure }: { failure: FailureDetail }) => (
  <Box
    component="dl"
    sx={{
      display: 'grid',
      gridTemplateColumns: 'max-content 1fr',
      columnGap: 2,
      rowGap: 0.75,
      m: 0,
    }}
  >
    <Fact label="Operation">{operationLabels[failure.operation]}</Fact>
    <Fact label="Customer">
      {failure.customerName ? `${failure.customerName} (${failure.customerId ?? ''})` : '—'}
    </Fact>
    <Fact label="Invoice">
      {failure.invoiceId !== null ? (
        <Link component={RouterLink} to={invoicePath(failure.invoiceId)}>
          {failure.invoiceNumber ?? `Draft #${failure.invoiceId}`}
        </Link>
      ) : (
        '—'
      )}
    </Fact>
    <Fact label="Amount">
      {failure.amountMinor !== null && failure.currency
        ? money(failure.amountMinor, failure.currency)
        : '—'}
    </Fact>
    <Fact label="Error">{errorText(failure)}</Fact>
    <Fact label="Message">{failure.message}</Fact>
    <Fact label="Stripe request id">
      <Box component="code" sx={{ fontFamily: 'monospace' }}>
        {failure.requestId ?? '—'}
      </Box>
    </Fact>
    <Fact label="Strategy">
      <StrategyChip strategy={failure.strategy} />
    </Fact>
    <Fact label="Attempts">
      {failure.attempts} of {failure.maxAttempts}
    </Fact>
    <Fact label="Next attempt">
      {failure.status !== 'open'
        ? '—'
        : failure.nextAttemptAt
          ? whenWithAbsolute(failure.nextAttemptAt)
          : 'Waits for a person'}
    </Fact>
    {failure.snoozedUntil ? (
      <Fact label="Snoozed until">{whenWithAbsolute(failure.snoozedUntil)}</Fact>
    ) : null}
    <Fact label="First failed">{formatDateTime(failure.createdAt)}</Fact>
    {failure.resolvedAt ? (
      <Fact label="Resolution">
        {formatDateTime(failure.resolvedAt)} by {failure.resolvedBy ?? 'unknown'}
        {failure.resolutionNote ? `: ${failure.resolutionNote}` : ''}
      </Fact>
    ) : null}
  </Box>
)

type Props = {
  id: number | undefined
  onClose: () => void
  onAction: (kind: ActionKind, failure: FailureDetail) => void
}

/** One failure in full: its context, every attempt, and what can be done about it. */
export const FailureDetailDrawer = ({ id, onClose, onAction }: Props) => {
  const detail = useFailure(id)
  const failure = detail.data
  const title = failure
    ? `${operationLabels[failure.operation]} failure${failure.invoiceNumber ? ` · ${failure.invoiceNumber}` : ''}`
    : 'Failure'
  return (
    <Drawer
      anchor="right"
      open={id !== undefined}
      onClose={onClose}
      // Above the app bar (which sits above the permanent navigation drawer), like a dialog.
      sx={{ zIndex: (theme) => theme.zIndex.modal }}
      slotProps={{
        paper: {
          role: 'dialog',
          'aria-label': 'Failure detail',
          sx: { width: { xs: '100%', md: 760 }, p: 3 },
        },
      }}
    >
      <Stack direction="row" sx={{ alignItems: 'center', mb: 2, gap: 1 }}>
        <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
          {title}
        </Typography>
        {failure ? (
          <Chip
            data-testid="failure-status"
            label={failureStatusLooks[failure.status].label}
            color={failureStatusLooks[failure.status].color}
          />
        ) : null}
        <IconButton aria-label="Close detail" onClick={onClose}>
          <CloseOutlined />
        </IconButton>
      </Stack>
      {detail.isPending && id !== undefined ? (
        <LinearProgress aria-label="Loading failure" />
      ) : null}
      {detail.isError ? <ErrorAlert error={detail.error} /> : null}
      {failure ? (
        <Stack spacing={3}>
          {failure.status === 'open' ? (
            <Stack
              direction="row"
              useFlexGap
              sx={{ gap: 1, flexWrap: 'wrap' }}
              role="group"
              aria-label="Actions"
            >
              {actionOrder.map((kind) => (
                <Button
                  key={kind}
                  variant={kind === 'resolve' ? 'contained' : 'outlined'}
                  color={actionLooks[kind].destructive ? 'error' : 'primary'}
                  onClick={() => onAction(kind, failure)}
                >
                  {actionLooks[kind].label}
                </Button>
              ))}
            </Stack>
          ) : null}
          <Facts failure={failure} />
          <section aria-label="Attempt history">
            <Typography variant="subtitle2" component="h3" sx={{ mb: 1 }}>
              Attempts
            </Typography>
            <AttemptsTable history={failure.history} />
          </section>
          <details>
            <summary>
              <Typography component="span" variant="body2">
                What the operation was doing (context)
              </Typography>
            </summary>
            <Box
              component="pre"
              sx={{
                fontSize: 12,
                overflowX: 'auto',
                bgcolor: 'action.hover',
                p: 1.5,
                borderRadius: 1,
              }}
            >
              {JSON.stringify(failure.context, null, 2)}
            </Box>
          </details>
        </Stack>
      ) : null}
    </Drawer>
  )
}
