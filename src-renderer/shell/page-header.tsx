import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import type { ReactNode } from 'react'

type Props = {
  title: string
  /** One line under the heading saying what the page is for. */
  description?: ReactNode
  /** Page-level actions aligned to the right of the heading. */
  actions?: ReactNode
}

/** Every page's one `<h1>`; tests and screen readers locate pages by it. */
export const PageHeader = ({ title, description, actions }: Props) => (
  <Stack
    direction="row"
    spacing={2}
    sx={{ alignItems: 'flex-start', justifyContent: 'space-between', mb: 2 }}
  >
    <div>
      <Typography variant="h5" component="h1">
        {title}
      </Typography>
      {description ? (
        <Typography variant="body2" sx={{ color: 'text.secondary', mt: 0.5 }}>
          {description}
        </Typography>
      ) : null}
    </div>
    {actions ? (
      <Stack direction="row" spacing={1}>
        {actions}
      </Stack>
    ) : null}
  </Stack>
)
