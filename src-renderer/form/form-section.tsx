import Paper from '@mui/material/Paper'
import Typography from '@mui/material/Typography'
import type { ReactNode } from 'react'

type Props = {
  title: string
  hint: ReactNode
  /** For a link to the section, e.g. from the settings banner. */
  id?: string
  children: ReactNode
}

/** A titled group of fields on a page-long form; a landmark named by its title. */
export const FormSection = ({ title, hint, id, children }: Props) => (
  <Paper variant="outlined" component="section" aria-label={title} id={id} sx={{ p: 2.5 }}>
    <Typography variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
      {title}
    </Typography>
    <Typography variant="body2" sx={{ color: 'text.secondary', mb: 2 }}>
      {hint}
    </Typography>
    {children}
  </Paper>
)
