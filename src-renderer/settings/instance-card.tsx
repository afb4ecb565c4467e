import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Card from '@mui/material/Card'
import CardContent from '@mui/material/CardContent'
import CardHeader from '@mui/material/CardHeader'
import Chip from '@mui/material/Chip'
import Collapse from '@mui/material/Collapse'
import Skeleton from '@mui/material/Skeleton'
import Typography from '@mui/material/Typography'
import { useId, useState, type ReactNode } from 'react'
import type { AppInfo } from '../../src-shared/domain/system'
import { ErrorAlert } from '../error-alert'
import { formatDateTime } from '../format'
import { useSystemInfo } from './queries'

const hostLabels: Record<AppInfo['host'], string> = {
  electron: 'Desktop app',
  web: 'Browser (local server)',
  cli: 'Command line',
}

const mono = { fontFamily: 'monospace', fontSize: 12, overflowWrap: 'anywhere' } as const

const Row = ({ term, children }: { term: string; children: ReactNode }) => (
  <>
    <Typography component="dt" variant="body2" sx={{ color: 'text.secondary' }}>
      {term}
    </Typography>
    <Typography component="dd" variant="body2" sx={{ m: 0, minWidth: 0 }}>
      {children}
    </Typography>
  </>
)

const Migrations = ({ migrations }: { migrations: AppInfo['ledger']['migrations'] }) => {
  const [open, setOpen] = useState(false)
  const listId = useId()
  return (
    <>
      {migrations.length} applied
      {migrations.length > 0 ? (
        <Button
          variant="text"
          sx={{ ml: 1, py: 0, minWidth: 0 }}
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setOpen((value) => !value)}
        >
          {open ? 'Hide names' : 'Show names'}
        </Button>
      ) : null}
      <Collapse in={open} id={listId}>
        <Box component="ol" sx={{ m: 0, mt: 0.5, pl: 2.5 }}>
          {migrations.map(({ name, appliedAt }) => (
            <li key={name}>
              <Box component="span" sx={mono}>
                {name}
              </Box>{' '}
              <Box component="span" sx={{ color: 'text.secondary' }}>
                {formatDateTime(appliedAt)}
              </Box>
            </li>
          ))}
        </Box>
      </Collapse>
    </>
  )
}

/** What this running instance is (the ledger it has open: the Ledger section above it). */
export const InstanceCard = () => {
  const info = useSystemInfo()
  return (
    <Card>
      <CardHeader
        title="This installation"
        slotProps={{ title: { component: 'h2', variant: 'h6' } }}
      />
      <CardContent sx={{ pt: 0 }}>
        {info.isError ? <ErrorAlert error={info.error} /> : null}
        {info.isPending ? <Skeleton variant="rounded" height={160} /> : null}
        {info.data ? (
          <Box
            component="dl"
            sx={{
              m: 0,
              display: 'grid',
              gridTemplateColumns: 'max-content minmax(0, 1fr)',
              columnGap: 2,
              rowGap: 1,
            }}
          >
            <Row term="Version">
              {info.data.productName} {info.data.version}
            </Row>
            <Row term="Running as">{hostLabels[info.data.host]}</Row>
            <Row term="Operator">{info.data.operator}</Row>
            <Row term="SQLite">{info.data.ledger.sqliteVersion}</Row>
            <Row term="Migrations">
              <Migrations migrations={info.data.ledger.migrations} />
            </Row>
            <Row term="Stripe">
              {info.data.stripeConfigured ? (
                <Chip color="success" label="Configured" />
              ) : (
                <Chip variant="outlined" label="Not configured" />
              )}
            </Row>
          </Box>
        ) : null}
      </CardContent>
    </Card>
  )
}
