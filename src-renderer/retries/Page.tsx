import FileDownloadOutlined from '@mui/icons-material/FileDownloadOutlined'
import PlayArrowOutlined from '@mui/icons-material/PlayArrowOutlined'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Snackbar from '@mui/material/Snackbar'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import type {
  FailureActResult,
  ProcessResult,
  RetryStrategy,
} from '../../src-shared/domain/payments'
import { ErrorAlert } from '../error-alert'
import { useSettings } from '../settings/queries'
import { areas } from '../shell/areas'
import { PageHeader } from '../shell/page-header'
import { downloadText } from '../usage/download'
import { actionLooks, failuresLabel, type ActionKind } from './actions'
import { ActionDialog } from './action-dialog'
import { BulkBar } from './bulk-bar'
import { FailureDetailDrawer } from './failure-detail'
import { FailureFilters } from './failure-filters'
import { FailureGrid } from './failure-grid'
import { formatAtRisk } from './labels'
import { ProcessResultAlert } from './process-result'
import { useCan } from '../session/queries'
import {
  useFailureList,
  useFailureReport,
  useFailureSummary,
  useProcessNow,
  useReportCsv,
} from './queries'
import { ReportPanel } from './report-panel'
import {
  hasFilters,
  readRetryView,
  toFailureQuery,
  writeRetryView,
  type RetryFilters,
  type RetryView,
} from './view'

type Acting = { kind: ActionKind; ids: number[]; target: string; strategy?: RetryStrategy }

export const RetriesPage = () => {
  const [params, setParams] = useSearchParams()
  const view = readRetryView(params)
  const currency = useSettings().data?.defaultCurrency ?? 'USD'
  const list = useFailureList(toFailureQuery(view, currency))
  const report = useFailureReport()
  // Every currency with an open amount, whatever the filters narrow the page to.
  const summary = useFailureSummary().data
  const process = useProcessNow()
  const can = useCan()
  const csv = useReportCsv()
  const [selection, setSelection] = useState<number[]>([])
  const [openId, setOpenId] = useState<number>()
  const [acting, setActing] = useState<Acting>()
  const [processed, setProcessed] = useState<ProcessResult>()
  const [notice, setNotice] = useState<string>()

  const replaceView = (next: RetryView, sync = false): void => {
    setSelection([])
    setParams(writeRetryView(next), { replace: true, flushSync: sync })
  }
  // A narrower filter can leave the current page past the end; start over at the first.
  const changeFilters = (patch: Partial<RetryFilters>): void =>
    replaceView({ ...view, ...patch, page: 0 }, true)

  const done = (result: FailureActResult, kind: ActionKind): void => {
    setSelection([])
    // Skipped records are listed by the dialog itself; the notice counts what changed.
    if (result.updated.length > 0)
      setNotice(actionLooks[kind].done(failuresLabel(result.updated.length)))
  }

  const page = list.data
  return (
    <>
      <PageHeader
        title={areas.retries.label}
        description="Failed payments and other Stripe operations: why they failed, what was tried, and what to do next."
        actions={
          <>
            <Button
              variant="outlined"
              startIcon={<FileDownloadOutlined />}
              sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
              disabled={csv.isPending}
              onClick={() =>
                csv.mutate(undefined, {
                  onSuccess: ({ text, fileName }) => downloadText(text, fileName, 'text/csv'),
                })
              }
            >
              Export report (CSV)
            </Button>
            <Button
              variant="contained"
              startIcon={<PlayArrowOutlined />}
              sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
              disabled={process.isPending || !can('retries:process')}
              onClick={() => process.mutate({ now: true }, { onSuccess: setProcessed })}
            >
              Process now
            </Button>
          </>
        }
      />
      {processed ? (
        <ProcessResultAlert result={processed} onClose={() => setProcessed(undefined)} />
      ) : null}
      {process.error || csv.error ? (
        <Box sx={{ mb: 2 }}>
          <ErrorAlert error={process.error ?? csv.error} />
        </Box>
      ) : null}
      <FailureFilters
        filters={view}
        seenErrorTypes={report.data?.groups.map((group) => group.errorType) ?? []}
        currency={currency}
        currencies={summary?.atRisk.map((risk) => risk.currency) ?? []}
        onChange={changeFilters}
        onClear={() => replaceView(readRetryView(new URLSearchParams()), true)}
      />
      {list.isError ? (
        <Box sx={{ mb: 2 }}>
          <ErrorAlert
            error={list.error}
            action={
              <Button color="inherit" onClick={() => void list.refetch()}>
                Retry
              </Button>
            }
          />
        </Box>
      ) : null}
      <Typography variant="body2" sx={{ mb: 1 }} aria-live="polite" data-testid="failure-at-risk">
        {page ? `${failuresLabel(page.total)} · at risk ${formatAtRisk(page.atRisk)}` : ' '}
      </Typography>
      {selection.length > 0 ? (
        <BulkBar
          count={selection.length}
          onClear={() => setSelection([])}
          onAction={(kind) =>
            setActing({ kind, ids: selection, target: failuresLabel(selection.length) })
          }
        />
      ) : null}
      <Box sx={{ flex: '1 1 auto', minHeight: 380, display: 'flex', flexDirection: 'column' }}>
        <FailureGrid
          failures={page?.failures ?? []}
          total={page?.total}
          loading={list.isFetching}
          paginationModel={{ page: view.page, pageSize: view.pageSize }}
          onPaginationModelChange={({ page: next, pageSize }) =>
            replaceView({ ...view, pageSize, page: pageSize === view.pageSize ? next : 0 })
          }
          sort={view.sort}
          onSortChange={(sort) => replaceView({ ...view, sort, page: 0 })}
          selection={selection}
          onSelectionChange={setSelection}
          onOpen={(failure) => setOpenId(failure.id)}
          emptyLabel={
            hasFilters(view)
              ? 'No failures match these filters.'
              : 'No open failures. Nothing waits for you.'
          }
        />
      </Box>
      <ReportPanel report={report.data} error={report.error} />
      <FailureDetailDrawer
        id={openId}
        onClose={() => setOpenId(undefined)}
        onAction={(kind, failure) =>
          setActing({
            kind,
            ids: [failure.id],
            target: failure.invoiceNumber ?? `Failure #${failure.id}`,
            strategy: failure.strategy,
          })
        }
      />
      {acting ? (
        <ActionDialog
          kind={acting.kind}
          ids={acting.ids}
          target={acting.target}
          {...(acting.strategy ? { currentStrategy: acting.strategy } : {})}
          onDone={done}
          onClose={() => setActing(undefined)}
        />
      ) : null}
      <Snackbar
        open={notice !== undefined}
        autoHideDuration={4000}
        onClose={(_event, reason) => {
          if (reason !== 'clickaway') setNotice(undefined)
        }}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert severity="success" variant="filled" onClose={() => setNotice(undefined)}>
          {notice}
        </Alert>
      </Snackbar>
    </>
  )
}
