import PlayArrowOutlined from '@mui/icons-material/PlayArrowOutlined'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { channelQuery } from '../channel-query'
import { ErrorAlert } from '../error-alert'
import { areas } from '../shell/areas'
import { PageHeader } from '../shell/page-header'
import { NewRunDialog } from './new-run-dialog'
import { useLiveRuns, useRuns } from './queries'
import { RunResult } from './run-result'
import { pageSizes, RunsGrid } from './runs-grid'
import { ScheduleStatus } from './schedule-status'
import { useCan } from '../session/queries'

/** `/billing-runs`: the history of runs, starting a new one, and (`?run=id`) one run's result. */
export const BillingRunsPage = () => {
  useLiveRuns()
  const queryClient = useQueryClient()
  const [params, setParams] = useSearchParams()
  const openRun = params.get('run') ?? undefined
  const [pagination, setPagination] = useState<{ page: number; pageSize: number }>({
    page: 0,
    pageSize: pageSizes[0],
  })
  const runs = useRuns({
    limit: pagination.pageSize,
    offset: pagination.page * pagination.pageSize,
  })
  const [starting, setStarting] = useState(false)
  const can = useCan()
  const open = (runId: string | undefined): void =>
    setParams(runId ? { run: runId } : {}, { replace: false })

  return (
    <>
      <PageHeader
        title={areas.billingRuns.label}
        description="Period-end runs that price recorded usage against each subscription and draft the invoices."
        actions={
          can('billing:run') ? (
            <Button
              variant="contained"
              startIcon={<PlayArrowOutlined />}
              onClick={() => setStarting(true)}
            >
              New run
            </Button>
          ) : null
        }
      />
      {openRun ? (
        <RunResult runId={openRun} onBack={() => open(undefined)} />
      ) : (
        <Stack spacing={2} sx={{ flex: '1 1 auto' }}>
          <ScheduleStatus onOpenRun={open} />
          {runs.isError ? (
            <ErrorAlert
              error={runs.error}
              action={
                <Button color="inherit" onClick={() => void runs.refetch()}>
                  Retry
                </Button>
              }
            />
          ) : null}
          <Box sx={{ flex: '1 1 auto', minHeight: 420, display: 'flex', flexDirection: 'column' }}>
            <RunsGrid
              rows={runs.data?.runs ?? []}
              total={runs.data?.total}
              loading={runs.isFetching}
              paginationModel={pagination}
              onPaginationModelChange={({ page, pageSize }) =>
                setPagination({ pageSize, page: pageSize === pagination.pageSize ? page : 0 })
              }
              onOpen={(run) => open(run.id)}
            />
          </Box>
        </Stack>
      )}
      {starting ? (
        <NewRunDialog
          onClose={() => setStarting(false)}
          onFinished={(result) => {
            // The answer is the run's result: shown at once, without reading it again.
            queryClient.setQueryData(
              channelQuery('billing:run-get', { id: result.id }).queryKey,
              result,
            )
            setStarting(false)
            open(result.id)
          }}
        />
      ) : null}
    </>
  )
}
