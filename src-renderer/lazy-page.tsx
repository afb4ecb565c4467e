import Box from '@mui/material/Box'
import LinearProgress from '@mui/material/LinearProgress'
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react'

/**
 * A page whose code loads when it is first opened: each page (and the libraries only it uses,
 * the data grid, the charts) is its own chunk, so the first screen waits for its own code only.
 * The chunks come from the page's own origin, which its policy allows (`script-src 'self'`).
 */
export const lazyPage = <P extends object>(
  load: () => Promise<ComponentType<P>>,
  /** What shows while it loads: a thin bar by default; a placeholder of its size for a part. */
  fallback: ReactNode = <PageFallback />,
) => {
  let loading: Promise<ComponentType<P>> | undefined
  let ready: ComponentType<P> | undefined
  const once = () =>
    (loading ??= load().then((component) => {
      ready = component
      return component
    }))
  const Page = lazy(async () => ({ default: await once() }))
  const Loaded = (props: P) => {
    // Code already here (preloaded) renders at once: through lazy() it would still suspend for
    // a turn, and React holds a revealed fallback on screen for a while (its throttle).
    if (ready) {
      const Ready = ready
      return <Ready {...props} />
    }
    return (
      <Suspense fallback={fallback}>
        <Page {...props} />
      </Suspense>
    )
  }
  /** Starts loading before the first render asks (e.g. beside the session check). */
  Loaded.preload = (): void => void once()
  return Loaded
}

/** A thin bar while a page's code arrives: a few milliseconds from disk or loopback. */
const PageFallback = () => (
  <Box sx={{ pt: 1 }}>
    <LinearProgress aria-label="Loading the page" />
  </Box>
)
