import LinearProgress from '@mui/material/LinearProgress'
import type { ReactNode } from 'react'
import { ErrorAlert } from '../error-alert'
import { useWhoami } from './queries'
import { SignInPage } from './sign-in-page'

/** The app once it is known who this is; the sign-in page when the ledger asks and nobody is. */
export const SessionGate = ({ children }: { children: ReactNode }) => {
  const whoami = useWhoami()
  if (whoami.isPending) return <LinearProgress aria-label="Loading" />
  if (whoami.isError) return <ErrorAlert error={whoami.error} />
  if (whoami.data.signInRequired && !whoami.data.identity) return <SignInPage />
  return children
}
