import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import Snackbar from '@mui/material/Snackbar'
import Stack from '@mui/material/Stack'
import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { ErrorAlert } from '../error-alert'
import { PageHeader } from '../shell/page-header'
import { DraftWorkspace } from './draft-workspace'
import { PublishedWorkspace } from './published-workspace'
import { usePlan } from './queries'

const BackToCatalog = () => (
  <Button component={Link} to="/catalog">
    All plans
  </Button>
)

/** `/catalog/:id`: one plan, its draft or newest published version, and its history. */
export const PlanPage = () => {
  const { id = '' } = useParams()
  const plan = usePlan(id)
  // Lives above the workspaces: publishing swaps one workspace for the other. Numbered so each
  // notice gets a fresh snackbar, with its own time on screen.
  const [notice, setNotice] = useState<{ id: number; message: string }>()
  const notify = (message: string): void =>
    setNotice((current) => ({ id: (current?.id ?? 0) + 1, message }))

  let body
  if (plan.isPending) {
    body = (
      <>
        <PageHeader title={id} />
        <LinearProgress aria-label="Loading plan" />
      </>
    )
  } else if (plan.isError) {
    body = (
      <>
        <PageHeader title={id} />
        <Stack spacing={2} sx={{ alignItems: 'flex-start' }}>
          <ErrorAlert error={plan.error} />
          <BackToCatalog />
        </Stack>
      </>
    )
  } else {
    const latest = plan.data.versions[0]
    if (!latest) {
      body = (
        <>
          <PageHeader title={plan.data.name} />
          <Alert severity="info">This plan has no versions.</Alert>
        </>
      )
    } else if (latest.status === 'draft') {
      // Keyed by version: a new draft (after Edit) starts from its own terms, not the old form.
      body = (
        <DraftWorkspace
          key={`draft-${latest.version}`}
          plan={plan.data}
          draft={latest}
          onNotice={notify}
        />
      )
    } else {
      body = (
        <PublishedWorkspace
          key={`published-${latest.version}`}
          plan={plan.data}
          latest={latest}
          onNotice={notify}
        />
      )
    }
  }

  return (
    <>
      {body}
      <Snackbar
        key={notice?.id}
        open={notice !== undefined}
        autoHideDuration={4000}
        onClose={(_event, reason) => {
          if (reason !== 'clickaway') setNotice(undefined)
        }}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert severity="success" variant="filled" onClose={() => setNotice(undefined)}>
          {notice?.message}
        </Alert>
      </Snackbar>
    </>
  )
}
