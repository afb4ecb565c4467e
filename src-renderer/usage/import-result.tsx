import DownloadOutlined from '@mui/icons-material/DownloadOutlined'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import type { UsageImport } from '../../src-shared/domain/usage'
import { CountTiles } from '../customers/count-tiles'
import { RejectsTable, rejectPageSizes } from '../customers/rejects-table'
import { ErrorAlert } from '../error-alert'
import { formatDateTime } from '../format'
import { downloadText } from './download'
import { ImportStatusChip } from './import-status-chip'
import { policyLabels } from './preview-step'
import { useImport, useRejects, useRejectsCsv } from './queries'

const Outcome = ({ item }: { item: UsageImport }) => {
  switch (item.status) {
    case 'running':
      return <Alert severity="info">Still running: the figures refresh as rows arrive.</Alert>
    case 'completed':
      return item.rejected > 0 ? (
        <Alert severity="warning">
          Imported with {item.rejected} rejected {item.rejected === 1 ? 'row' : 'rows'}: fix them in
          the downloaded file and import it again.
        </Alert>
      ) : (
        <Alert severity="success">Every row was read.</Alert>
      )
    case 'refused':
      return (
        <Alert severity="error">
          Nothing was imported: the file had rejected rows and the policy was all or nothing.
        </Alert>
      )
    case 'cancelled':
      return (
        <Alert severity="info">Cancelled. The figures show what was done before it stopped.</Alert>
      )
    case 'interrupted':
      return (
        <Alert severity="warning">
          Interrupted before the end of the file (the app closed or sending failed).
        </Alert>
      )
  }
}

const Rejects = ({ importId }: { importId: string }) => {
  const [paging, setPaging] = useState<{ page: number; pageSize: number }>({
    page: 0,
    pageSize: rejectPageSizes[0],
  })
  const rejects = useRejects({
    importId,
    limit: paging.pageSize,
    offset: paging.page * paging.pageSize,
  })
  const csv = useRejectsCsv()

  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="subtitle2" component="h3" sx={{ flexGrow: 1 }}>
          Rejected rows
        </Typography>
        <Button
          variant="outlined"
          startIcon={<DownloadOutlined />}
          disabled={csv.isPending}
          onClick={() =>
            csv.mutate(
              { importId },
              { onSuccess: ({ text, fileName }) => downloadText(text, fileName, 'text/csv') },
            )
          }
        >
          Download rejected rows
        </Button>
      </Stack>
      {csv.isError ? <ErrorAlert error={csv.error} /> : null}
      {rejects.isError ? <ErrorAlert error={rejects.error} /> : null}
      <RejectsTable
        rows={rejects.data?.rows ?? []}
        total={rejects.data?.total ?? 0}
        page={paging.page}
        pageSize={paging.pageSize}
        onPage={(page, pageSize) => setPaging({ page, pageSize })}
        loading={rejects.isFetching}
      />
    </Stack>
  )
}

/** One import's outcome: its figures, its rejected rows and the file to fix them in. */
export const ImportResult = ({ importId }: { importId: string }) => {
  const result = useImport(importId)
  if (result.isPending) return <LinearProgress aria-label="Loading the import" />
  if (result.isError) return <ErrorAlert error={result.error} />
  const item = result.data
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          {item.fileName}
        </Typography>
        <ImportStatusChip status={item.status} />
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          started {formatDateTime(item.startedAt)}
          {item.finishedAt ? `, finished ${formatDateTime(item.finishedAt)}` : ''} by{' '}
          {item.operator} · {policyLabels[item.policy]}
        </Typography>
      </Stack>
      <Outcome item={item} />
      <CountTiles
        label="Import counts"
        counts={[
          { label: 'Read', value: item.read, testId: 'count-read' },
          { label: 'Imported', value: item.imported, testId: 'count-imported', tone: 'success' },
          { label: 'Duplicates', value: item.duplicates, testId: 'count-duplicates' },
          { label: 'Rejected', value: item.rejected, testId: 'count-rejected', tone: 'error' },
          { label: 'Late', value: item.late, testId: 'count-late', tone: 'warning' },
        ]}
      />
      {item.late > 0 ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          Late events fall in periods already invoiced; they are billed as adjustments on the next
          invoice.
        </Typography>
      ) : null}
      {item.rejected > 0 ? (
        <Box>
          <Rejects importId={item.id} />
        </Box>
      ) : null}
    </Stack>
  )
}
