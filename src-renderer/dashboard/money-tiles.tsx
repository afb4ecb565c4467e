import InfoOutlined from '@mui/icons-material/InfoOutlined'
import Box from '@mui/material/Box'
import Card from '@mui/material/Card'
import CardActionArea from '@mui/material/CardActionArea'
import CardContent from '@mui/material/CardContent'
import IconButton from '@mui/material/IconButton'
import Stack from '@mui/material/Stack'
import Tooltip from '@mui/material/Tooltip'
import Typography from '@mui/material/Typography'
import type { ReactNode } from 'react'
import { Link } from 'react-router'
import type { MoneyTiles as Tiles } from '../../src-shared/domain/billing'
import { money } from '../invoices/money'
import { areas } from '../shell/areas'

type Tile = {
  key: string
  title: string
  value: string
  detail: string
  /** Exactly how the figure is computed, for the tooltip. */
  how: string
  to: string
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

const tilesOf = (t: Tiles): Tile[] => [
  {
    key: 'owed',
    title: 'Money owed',
    value: money(t.owedMinor, t.currency),
    detail: count(t.owedInvoices, 'open invoice', 'open invoices'),
    how: 'Finalized, unpaid invoices: each total less its credit notes and what Stripe already collected on it.',
    to: `${areas.invoices.path}?status=finalized`,
  },
  {
    key: 'overdue',
    title: 'Overdue',
    value: money(t.overdueMinor, t.currency),
    detail: count(t.overdueInvoices, 'invoice past due', 'invoices past due'),
    how: 'The part of the money owed on invoices whose due date is before today (business time zone).',
    to: `${areas.invoices.path}?status=finalized`,
  },
  {
    key: 'collected',
    title: 'Collected this month',
    value: money(t.collectedMinor, t.currency),
    detail: count(t.collectedPayments, 'payment', 'payments'),
    how: 'Invoices paid since the first of this month in the business time zone: the amount Stripe collected, or the invoice total when paid outside Stripe.',
    to: areas.payments.path,
  },
  {
    key: 'at-risk',
    title: 'At risk in the retry queue',
    value: money(t.atRiskMinor, t.currency),
    detail: count(t.atRiskFailures, 'open failure', 'open failures'),
    how: 'The amounts of the payment failures still open in the retry queue.',
    to: areas.retries.path,
  },
  {
    key: 'mrr',
    title: 'MRR with usage',
    value: money(t.mrrMinor, t.currency),
    detail: `Base fees only: ${money(t.mrrBaseMinor, t.currency)}`,
    how:
      `Base fees of active and past-due subscriptions per month (a year is 12 months, a month 30 days), ` +
      `plus the average usage charges (usage and late-usage adjustment lines) of the last ` +
      `${t.usagePeriods.length === 0 ? 'billed periods (none yet)' : `${count(t.usagePeriods.length, 'billed period', 'billed periods')} (${t.usagePeriods.join(', ')})`}: ` +
      `${money(t.mrrBaseMinor, t.currency)} + ${money(t.usageAverageMinor, t.currency)}.`,
    to: areas.customers.path,
  },
]

const TileCard = ({ tile, currency }: { tile: Tile; currency: string }) => (
  <Card
    component="section"
    aria-label={`${tile.title} (${currency})`}
    sx={{ position: 'relative' }}
  >
    <CardActionArea component={Link} to={tile.to} sx={{ height: '100%' }}>
      <CardContent sx={{ pr: 5 }}>
        <Typography variant="overline" component="h3" sx={{ color: 'text.secondary' }}>
          {tile.title}
        </Typography>
        <Typography variant="h5" component="div" data-testid={`tile-${tile.key}-${currency}`}>
          {tile.value}
        </Typography>
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {tile.detail}
        </Typography>
      </CardContent>
    </CardActionArea>
    <Tooltip title={tile.how}>
      <IconButton
        size="small"
        aria-label={`How "${tile.title}" is computed`}
        sx={{ position: 'absolute', top: 4, right: 4 }}
      >
        <InfoOutlined fontSize="small" />
      </IconButton>
    </Tooltip>
  </Card>
)

const Row = ({ currency, children }: { currency: string; children: ReactNode }) => (
  <Stack spacing={1} component="section" aria-label={`Money in ${currency}`}>
    <Typography variant="subtitle2" component="h2">
      {currency}
    </Typography>
    <Box
      sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))' }}
    >
      {children}
    </Box>
  </Stack>
)

/** The money at a glance, one row of tiles per currency (amounts are never added across). */
export const MoneyTiles = ({ money: rows }: { money: Tiles[] }) =>
  rows.length === 0 ? (
    <Card>
      <CardContent>
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          No invoices, payments or live subscriptions yet: the money tiles appear with the first.
        </Typography>
      </CardContent>
    </Card>
  ) : (
    <Stack spacing={2}>
      {rows.map((row) => (
        <Row key={row.currency} currency={row.currency}>
          {tilesOf(row).map((tile) => (
            <TileCard key={tile.key} tile={tile} currency={row.currency} />
          ))}
        </Row>
      ))}
    </Stack>
  )
