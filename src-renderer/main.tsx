import '@fontsource/roboto/400.css'
import '@fontsource/roboto/500.css'
import '@fontsource/roboto/700.css'
import createCache from '@emotion/cache'
import { CacheProvider } from '@emotion/react'
import CssBaseline from '@mui/material/CssBaseline'
import { ThemeProvider } from '@mui/material/styles'
import { QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { RouterProvider } from 'react-router/dom'
import { ErrorBoundary } from './error-boundary'
import { createQueryClient } from './query-client'
import { createRouter, preloadFirstScreen } from './router'
import { SessionGate } from './session/session-gate'
import { sessionToken } from './session-token'
import { theme } from './theme'

// The browser host serves the page with a nonce its policy requires of every style element.
const nonce = document.querySelector('meta[name="csp-nonce"]')?.getAttribute('content') || undefined
const emotionCache = createCache({ key: 'css', ...(nonce ? { nonce } : {}) })
const queryClient = createQueryClient()
const router = createRouter()

const container = document.getElementById('root')
if (!container) throw new Error('index.html is missing the #root element')

// In a browser, the contract answers only the page opened from the printed address.
if (!window.meterbook && !sessionToken()) {
  container.textContent =
    'Not authorised: open the address printed by `meterbook serve` (or `npm start`), which carries the access token.'
} else {
  preloadFirstScreen(queryClient)
  createRoot(container).render(
    <StrictMode>
      <CacheProvider value={emotionCache}>
        <ThemeProvider theme={theme} defaultMode="system" disableTransitionOnChange>
          <CssBaseline enableColorScheme />
          <ErrorBoundary>
            <QueryClientProvider client={queryClient}>
              <SessionGate>
                <RouterProvider router={router} />
              </SessionGate>
            </QueryClientProvider>
          </ErrorBoundary>
        </ThemeProvider>
      </CacheProvider>
    </StrictMode>,
  )
}
