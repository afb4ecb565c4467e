import Button from '@mui/material/Button'
import Paper from '@mui/material/Paper'
import Typography from '@mui/material/Typography'
import { Link, useLocation } from 'react-router'
import { PageHeader } from './page-header'

/** Unknown routes: an old bookmark or a hand-edited hash. */
export const NotFoundPage = () => {
  const { pathname } = useLocation()
  return (
    <>
      <PageHeader title="Page not found" />
      <Paper variant="outlined" sx={{ p: 3 }}>
        <Typography variant="body1" sx={{ mb: 2 }}>
          There is no page at <code>{pathname}</code>.
        </Typography>
        <Button variant="contained" component={Link} to="/">
          Go to the dashboard
        </Button>
      </Paper>
    </>
  )
}
