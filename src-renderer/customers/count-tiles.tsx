import Box from '@mui/material/Box'
import Paper from '@mui/material/Paper'
import Typography from '@mui/material/Typography'

export type Count = {
  label: string
  value: number
  /** Tests read each figure by it, e.g. `count-read`. */
  testId?: string
  tone?: 'default' | 'success' | 'warning' | 'error'
}

const toneColor = {
  default: 'text.primary',
  success: 'success.main',
  warning: 'warning.main',
  error: 'error.main',
} as const

const number = new Intl.NumberFormat()

/** An import's figures side by side; a figure is coloured only when it is not zero. */
export const CountTiles = ({ counts, label }: { counts: readonly Count[]; label: string }) => (
  <Box
    component="dl"
    aria-label={label}
    sx={{
      m: 0,
      display: 'grid',
      gridTemplateColumns: 'repeat(auto-fill, minmax(120px, 1fr))',
      gap: 1.5,
    }}
  >
    {counts.map(({ label: name, value, testId, tone = 'default' }) => (
      <Paper key={name} variant="outlined" sx={{ px: 2, py: 1.25 }}>
        <Typography component="dt" variant="overline" sx={{ color: 'text.secondary' }}>
          {name}
        </Typography>
        <Typography
          component="dd"
          variant="h5"
          data-testid={testId}
          sx={{ m: 0, color: value === 0 ? 'text.primary' : toneColor[tone] }}
        >
          {number.format(value)}
        </Typography>
      </Paper>
    ))}
  </Box>
)
