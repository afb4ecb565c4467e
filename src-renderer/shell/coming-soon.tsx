import Paper from '@mui/material/Paper'
import Typography from '@mui/material/Typography'
import { areas, type AreaId } from './areas'
import { PageHeader } from './page-header'

type Props = {
  area: AreaId
  /** One sentence on what the area will do once it ships. */
  description: string
}

/** The honest placeholder for areas later issues build: heading, purpose, and no fake data. */
export const ComingSoon = ({ area, description }: Props) => {
  const { label, icon: Icon } = areas[area]
  return (
    <>
      <PageHeader title={label} />
      <Paper
        variant="outlined"
        sx={{
          px: 3,
          py: 6,
          display: 'flex',
          flexDirection: 'column',
          alignItems: 'center',
          textAlign: 'center',
          gap: 1,
        }}
      >
        <Icon sx={{ fontSize: 48, color: 'text.disabled' }} aria-hidden />
        <Typography variant="body1" sx={{ maxWidth: 560 }}>
          {description}
        </Typography>
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          Not available in this version yet.
        </Typography>
      </Paper>
    </>
  )
}
