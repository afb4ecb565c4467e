import Box from '@mui/material/Box'
import LinearProgress from '@mui/material/LinearProgress'
import { lazy, Suspense, type ComponentType } from 'react'

/**
 * A page whose code loads when it is first opened: each page (and the libraries only it uses,
 * the data grid, the charts) is its own chunk, so the first screen waits for its own code only.
 * The chunks come from the page's own origin, which its policy allows (`script-src 'self'`).
 */
export const lazyPage = <P extends object>(load: () => Promise<ComponentType<P>>) => {
  const Page = lazy(async () => ({ default: await load() }))
  const Loaded = (props: P) => (
    <Suspense fallback={<PageFallback />}>
      <Page {...props} />
    </Suspense>
  )
  return Loaded
}

/** A thin bar while a page's code arrives: a few milliseconds from disk or loopback. */
const PageFallback = () => (
  <Box sx={{ pt: 1 }}>
    <LinearProgress aria-label="Loading the page" />
  </Box>
)
