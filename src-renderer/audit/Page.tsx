import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import type { AuditEntry } from '../../src-shared/domain/audit'
import { ErrorAlert } from '../error-alert'
import { areas } from '../shell/areas'
import { PageHeader } from '../shell/page-header'
import { AuditDetailDialog } from './audit-detail-dialog'
import { AuditFiltersBar } from './audit-filters'
import { AuditGrid, auditSortColumns } from './audit-grid'
import { hasFilters, readView, toAuditQuery, writeView, type AuditFilters } from './filters'
import { useAuditFacets, useAuditPage, useLiveAudit } from './queries'

export const AuditPage = () => {
  useLiveAudit()
  // Filters and paging live in the URL so Back, reload and bookmarks keep them.
  const [params, setParams] = useSearchParams()
  const view = readView(params)
  const audit = useAuditPage(toAuditQuery(view))
  const facets = useAuditFacets()
  const [selected, setSelected] = useState<AuditEntry>()
  const [detailOpen, setDetailOpen] = useState(false)

  const replaceView = (next: typeof view, sync = false): void => {
    setParams(writeView(next), { replace: true, flushSync: sync })
  }
  // A narrower filter can leave the current page past the end; start over at the first.
  // Committing synchronously lets the next change (the very next keystroke, or a test's next
  // action) build on this one instead of on the URL as of the last render. Grid paging stays
  // asynchronous: the grid may report it from an effect, where flushSync is not allowed.
  const changeFilters = (patch: Partial<AuditFilters>): void =>
    replaceView({ ...view, ...patch, page: 0 }, true)

  return (
    <>
      <PageHeader
        title={areas.audit.label}
        description="Every change to the ledger: who made it, when, and the state before and after."
      />
      <AuditFiltersBar
        filters={view}
        facets={facets.data}
        onChange={changeFilters}
        onClear={() =>
          replaceView(readView(new URLSearchParams({ size: String(view.pageSize) })), true)
        }
      />
      {facets.isError ? (
        <Box sx={{ mb: 2 }}>
          <ErrorAlert error={facets.error} />
        </Box>
      ) : null}
      {audit.isError ? (
        <Box sx={{ mb: 2 }}>
          <ErrorAlert
            error={audit.error}
            action={
              <Button color="inherit" onClick={() => void audit.refetch()}>
                Retry
              </Button>
            }
          />
        </Box>
      ) : null}
      <Box sx={{ flex: '1 1 auto', minHeight: 420, display: 'flex', flexDirection: 'column' }}>
        <AuditGrid
          page={audit.data}
          sorting={{
            sort: view.sort,
            onSortChange: (sort) => replaceView({ ...view, sort, page: 0 }),
            fields: auditSortColumns,
          }}
          loading={audit.isFetching}
          paginationModel={{ page: view.page, pageSize: view.pageSize }}
          onPaginationModelChange={({ page, pageSize }) =>
            replaceView({ ...view, pageSize, page: pageSize === view.pageSize ? page : 0 })
          }
          onOpen={(entry) => {
            setSelected(entry)
            setDetailOpen(true)
          }}
          emptyLabel={
            hasFilters(view)
              ? 'No entries match these filters.'
              : 'No changes have been recorded yet.'
          }
        />
      </Box>
      <AuditDetailDialog entry={selected} open={detailOpen} onClose={() => setDetailOpen(false)} />
    </>
  )
}
