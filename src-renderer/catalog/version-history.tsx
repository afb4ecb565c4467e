import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Paper from '@mui/material/Paper'
import Typography from '@mui/material/Typography'
import { useState } from 'react'
import type { Plan } from '../../src-shared/domain/catalog'
import type { MoveResult } from '../../src-shared/domain/plan-moves'
import { formatDateTime } from '../format'
import { formatMoney } from './catalog-format'
import { noErrors } from './field-errors'
import { MoveSubscribersDialog } from './move-subscribers-dialog'
import { formOf } from './plan-form'
import { TermsEditor } from './terms-editor'
import { VersionStatusChip } from './version-status'
import { formatDate } from '../format'

/** Every version of a plan, newest first; picking one shows the terms it fixed, read-only. */
export const VersionHistory = ({ plan }: { plan: Plan }) => {
  const [picked, setPicked] = useState<number>()
  const shown = plan.versions.find((v) => v.version === picked) ?? plan.versions[0]
  const [moving, setMoving] = useState(false)
  const [moved, setMoved] = useState<MoveResult>()
  const publishedCount = plan.versions.filter((v) => v.status === 'published').length

  return (
    <Stack spacing={2}>
      {/* Publishing moves nobody (grandfathering): moving subscribers is this explicit action. */}
      {publishedCount > 1 ? (
        <Stack direction="row" sx={{ justifyContent: 'flex-end' }}>
          <Button variant="outlined" onClick={() => setMoving(true)}>
            Move subscribers…
          </Button>
        </Stack>
      ) : null}
      {moved ? (
        <Alert severity="success" onClose={() => setMoved(undefined)}>
          Moved {moved.moved.length} subscriber{moved.moved.length === 1 ? '' : 's'} from version{' '}
          {moved.fromVersion} to version {moved.toVersion} from {formatDate(moved.effectiveFrom)}.
        </Alert>
      ) : null}
      {moving ? (
        <MoveSubscribersDialog
          plan={plan}
          onClose={() => setMoving(false)}
          onMoved={(result) => {
            setMoving(false)
            setMoved(result)
          }}
        />
      ) : null}
      <TableContainer component={Paper} variant="outlined">
        <Table aria-label="Versions">
          <TableHead>
            <TableRow>
              <TableCell>Version</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Effective from</TableCell>
              <TableCell>Published at</TableCell>
              <TableCell>Published by</TableCell>
              <TableCell align="right">Base price</TableCell>
              <TableCell align="right">Features</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {plan.versions.map((version) => {
              const selected = version === shown
              const pick = () => setPicked(version.version)
              return (
                <TableRow
                  key={version.version}
                  hover
                  selected={selected}
                  aria-selected={selected}
                  tabIndex={0}
                  onClick={pick}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter' || event.key === ' ') {
                      event.preventDefault()
                      pick()
                    }
                  }}
                  sx={{ cursor: 'pointer' }}
                >
                  <TableCell>{version.version}</TableCell>
                  <TableCell>
                    <VersionStatusChip status={version.status} />
                  </TableCell>
                  <TableCell>
                    {version.effectiveFrom ? formatDate(version.effectiveFrom) : '—'}
                  </TableCell>
                  <TableCell>
                    {version.publishedAt ? formatDateTime(version.publishedAt) : '—'}
                  </TableCell>
                  <TableCell>{version.publishedBy ?? '—'}</TableCell>
                  <TableCell align="right">
                    {formatMoney(version.basePriceMinor, version.currency)}
                  </TableCell>
                  <TableCell align="right">{version.features.length}</TableCell>
                </TableRow>
              )
            })}
          </TableBody>
        </Table>
      </TableContainer>
      {shown ? (
        <section aria-label={`Version ${shown.version} terms`}>
          <Typography variant="subtitle2" component="h2" sx={{ mb: 1 }}>
            Version {shown.version} terms
            {shown.status === 'draft' ? ' (draft, as last saved)' : ''}
          </Typography>
          <TermsEditor
            key={shown.version}
            form={formOf(plan.name, shown)}
            onChange={() => undefined}
            errors={noErrors}
            readOnly
          />
        </section>
      ) : null}
    </Stack>
  )
}
