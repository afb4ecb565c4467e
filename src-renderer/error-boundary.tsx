import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { Component, type ErrorInfo, type ReactNode } from 'react'
import { useRouteError } from 'react-router'
import { errorMessage } from './error-alert'

type FallbackProps = {
  error: unknown
  /** Re-renders the failed subtree; omitted where there is nothing to retry but a reload. */
  onReset?: () => void
}

/** What a crashed screen turns into: what happened, the error text, and two ways out. */
export const ErrorFallback = ({ error, onReset }: FallbackProps) => (
  <Paper variant="outlined" role="alert" sx={{ p: 3, m: 2, maxWidth: 720 }}>
    <Typography variant="h6" component="p">
      This screen ran into a problem
    </Typography>
    <Typography variant="body2" sx={{ color: 'text.secondary', mt: 0.5 }}>
      Nothing was saved by the failed screen. You can try again, or reload the app if it keeps
      happening.
    </Typography>
    <Box
      component="pre"
      sx={{
        fontFamily: 'monospace',
        fontSize: 12,
        whiteSpace: 'pre-wrap',
        overflowWrap: 'anywhere',
        bgcolor: 'action.hover',
        borderRadius: 1,
        p: 1.5,
        my: 2,
      }}
    >
      {errorMessage(error)}
    </Box>
    <Stack direction="row" spacing={1}>
      {onReset ? (
        <Button variant="contained" onClick={onReset}>
          Try again
        </Button>
      ) : null}
      <Button variant="outlined" onClick={() => window.location.reload()}>
        Reload
      </Button>
    </Stack>
  </Paper>
)

type Props = { children: ReactNode }
type State = { error: unknown; failed: boolean }

/**
 * Keeps a render crash inside one screen instead of blanking the window. `failed` is separate
 * from `error` because `throw undefined` is legal and must still show the fallback.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: undefined, failed: false }

  static getDerivedStateFromError(error: unknown): State {
    return { error, failed: true }
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Render failed', error, info.componentStack)
  }

  reset = (): void => {
    this.setState({ error: undefined, failed: false })
  }

  override render(): ReactNode {
    if (this.state.failed) return <ErrorFallback error={this.state.error} onReset={this.reset} />
    return this.props.children
  }
}

/** The router's own boundary, for failures above the routed content (the shell itself). */
export const RouteErrorFallback = () => <ErrorFallback error={useRouteError()} />
