import Button from '@mui/material/Button'
import Card from '@mui/material/Card'
import CardContent from '@mui/material/CardContent'
import CardHeader from '@mui/material/CardHeader'
import Link from '@mui/material/Link'
import List from '@mui/material/List'
import ListItem from '@mui/material/ListItem'
import ListItemText from '@mui/material/ListItemText'
import Typography from '@mui/material/Typography'
import { Link as RouterLink } from 'react-router'
import type { ActivityItem, ActivityTarget } from '../../src-shared/domain/billing'
import { customerPath } from '../customers/customer-path'
import { formatDateTime } from '../format'
import { invoicePath } from '../invoices/invoice-path'
import { areas } from '../shell/areas'

/** The page an entry leads to (the sentences themselves are written in main, in one module). */
const pathOf = (target: ActivityTarget): string => {
  switch (target.page) {
    case 'invoice':
      return invoicePath(target.id)
    case 'customer':
      return customerPath(target.externalId)
    case 'plan':
      return `${areas.catalog.path}/${encodeURIComponent(target.id)}`
    case 'billing-run':
      return `${areas.billingRuns.path}?run=${encodeURIComponent(target.id)}`
    case 'retries':
      return areas.retries.path
    case 'usage':
      return areas.usage.path
    case 'settings':
      return areas.settings.path
    case 'audit': {
      const params = new URLSearchParams({ entityType: target.entityType })
      if (target.entityId) params.set('entityId', target.entityId)
      return `${areas.audit.path}?${params.toString()}`
    }
  }
}

/** The latest changes in words, newest first, each a link to what it changed. */
export const ActivityFeed = ({ items }: { items: ActivityItem[] }) => (
  <Card component="section" aria-label="Activity" sx={{ height: '100%' }}>
    <CardHeader
      title="Activity"
      slotProps={{ title: { component: 'h2', variant: 'h6' } }}
      action={
        // Named so it cannot be mistaken for the navigation's own audit link.
        <Button component={RouterLink} to={areas.audit.path} sx={{ mt: 0.5 }}>
          View all activity
        </Button>
      }
    />
    <CardContent sx={{ pt: 0 }}>
      {items.length === 0 ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          No changes have been recorded yet.
        </Typography>
      ) : (
        <List disablePadding aria-label="Recent activity" data-testid="activity-feed">
          {items.map((item) => (
            <ListItem key={item.id} disableGutters divider>
              <ListItemText
                primary={
                  <Link component={RouterLink} to={pathOf(item.target)} underline="hover">
                    {item.text}
                  </Link>
                }
                secondary={`${item.operator} · ${formatDateTime(item.at)}`}
              />
            </ListItem>
          ))}
        </List>
      )}
    </CardContent>
  </Card>
)
