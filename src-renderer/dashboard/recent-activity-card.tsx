import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Card from '@mui/material/Card'
import CardContent from '@mui/material/CardContent'
import CardHeader from '@mui/material/CardHeader'
import List from '@mui/material/List'
import ListItem from '@mui/material/ListItem'
import ListItemText from '@mui/material/ListItemText'
import Skeleton from '@mui/material/Skeleton'
import Typography from '@mui/material/Typography'
import { Link } from 'react-router'
import { summarizeChange } from '../audit/change-summary'
import { ErrorAlert } from '../error-alert'
import { formatDateTime } from '../format'
import { areas } from '../shell/areas'
import { useRecentActivity } from './queries'

const recentCount = 10

/** The last few mutations, newest first, with a way into the full log. */
export const RecentActivityCard = () => {
  const recent = useRecentActivity(recentCount)
  const entries = recent.data?.entries ?? []
  return (
    <Card>
      <CardHeader
        title="Recent activity"
        slotProps={{ title: { component: 'h2', variant: 'h6' } }}
        action={
          // Named so it cannot be mistaken for the navigation's own audit link.
          <Button component={Link} to={areas.audit.path} sx={{ mt: 0.5 }}>
            View all activity
          </Button>
        }
      />
      <CardContent sx={{ pt: 0 }}>
        {recent.isError ? <ErrorAlert error={recent.error} /> : null}
        {recent.isPending ? <Skeleton variant="rounded" height={160} /> : null}
        {recent.isSuccess && entries.length === 0 ? (
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            No changes have been recorded yet.
          </Typography>
        ) : null}
        {entries.length > 0 ? (
          <List disablePadding aria-label="Recent activity">
            {entries.map((entry) => {
              const change = summarizeChange(entry)
              return (
                <ListItem key={entry.id} disableGutters divider>
                  <ListItemText
                    primary={
                      <>
                        <Box component="span" sx={{ fontWeight: 500 }}>
                          {entry.action}
                        </Box>{' '}
                        <Box component="span" sx={{ color: 'text.secondary' }}>
                          {entry.entityType} {entry.entityId}
                          {change ? ` · ${change}` : ''}
                        </Box>
                      </>
                    }
                    secondary={`${entry.operator} · ${formatDateTime(entry.at)}`}
                  />
                </ListItem>
              )
            })}
          </List>
        ) : null}
      </CardContent>
    </Card>
  )
}
