import Alert from '@mui/material/Alert'
import AlertTitle from '@mui/material/AlertTitle'
import Link from '@mui/material/Link'
import Stack from '@mui/material/Stack'
import type { Settings } from '../../src-shared/domain/settings'
import { missingSetup } from './settings-values'

/** Brings a section into view and puts the cursor in its first field (the router owns the hash). */
const goTo = (id: string): void => {
  const section = document.getElementById(id)
  section?.scrollIntoView({ block: 'start' })
  section?.querySelector<HTMLElement>('input, textarea, button')?.focus({ preventScroll: true })
}

const SectionLink = ({ to, children }: { to: string; children: string }) => (
  <Link
    component="button"
    type="button"
    onClick={() => goTo(to)}
    sx={{ verticalAlign: 'baseline' }}
  >
    {children}
  </Link>
)

/**
 * Says, while it is so, what the next invoices would lack: the PDF prints the seller's name and
 * address from these settings, and leaves that block blank (no placeholder) while they are empty;
 * with no tax rate at all, every invoice charges no tax.
 */
export const SetupBanner = ({ settings }: { settings: Settings }) => {
  const missing = missingSetup(settings)
  if (!missing.seller && !missing.tax) return null
  return (
    <Alert severity="warning" aria-label="Settings to finish" sx={{ maxWidth: 720 }}>
      <AlertTitle>Invoices are not ready to send</AlertTitle>
      <Stack spacing={0.5}>
        {missing.seller ? (
          <span>
            Invoices will print a blank where your company&apos;s name and address belong.{' '}
            <SectionLink to="seller-details">Fill in the seller details</SectionLink>
          </span>
        ) : null}
        {missing.tax ? (
          <span>
            No tax rate is set: invoices charge no tax.{' '}
            <SectionLink to="tax-rates">Add a tax rate</SectionLink>
          </span>
        ) : null}
      </Stack>
    </Alert>
  )
}
