import Box from '@mui/material/Box'
import Card from '@mui/material/Card'
import CardContent from '@mui/material/CardContent'
import CardHeader from '@mui/material/CardHeader'
import Typography from '@mui/material/Typography'
import type { ReactNode } from 'react'

/** A titled card for one chart, with the same empty state everywhere. */
export const ChartCard = ({
  title,
  empty,
  emptyText,
  action,
  children,
}: {
  title: string
  empty: boolean
  emptyText: string
  /** A control beside the title (e.g. which currency a chart shows). */
  action?: ReactNode
  children: ReactNode
}) => (
  <Card component="section" aria-label={title} sx={{ height: '100%' }}>
    <CardHeader
      title={title}
      action={action}
      slotProps={{ title: { component: 'h2', variant: 'h6' } }}
    />
    <CardContent sx={{ pt: 0 }}>
      {empty ? (
        <Box sx={{ height: 220, display: 'grid', placeItems: 'center' }}>
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {emptyText}
          </Typography>
        </Box>
      ) : (
        children
      )}
    </CardContent>
  </Card>
)
