import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Snackbar from '@mui/material/Snackbar'
import { useEffect, useState } from 'react'
import { Link as RouterLink } from 'react-router'
import type { UsageAlert } from '../../src-shared/domain/alerts'
import { on } from '../api'
import { areas } from '../shell/areas'

/** What the notice says about the alerts one import fired. */
export const noticeText = (alerts: readonly UsageAlert[]): string => {
  const [first] = alerts
  if (!first) return ''
  const lead = `${first.customerName}: ${first.metric} reached ${first.threshold}%`
  return alerts.length === 1 ? lead : `${lead}, and ${alerts.length - 1} more usage alert(s)`
}

/**
 * Tells whoever has the app open that an import fired usage alerts. In the desktop app main
 * shows the system notification (Electron's Notification); in a browser the page shows the
 * browser's notification where permitted; a snackbar on the page either way otherwise.
 */
export const AlertNotices = () => {
  const [text, setText] = useState<string | null>(null)
  useEffect(
    () =>
      on('alerts:fired', ({ alerts }) => {
        const message = noticeText(alerts)
        if (!message) return
        const desktop = 'meterbook' in window
        const browserMay =
          !desktop && 'Notification' in window && Notification.permission === 'granted'
        if (browserMay) new Notification('Usage alerts', { body: message })
        else setText(message)
      }),
    [],
  )
  return (
    <Snackbar
      open={text !== null}
      autoHideDuration={10_000}
      onClose={() => setText(null)}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
    >
      <Alert
        severity="warning"
        variant="filled"
        onClose={() => setText(null)}
        action={
          <Button
            color="inherit"
            size="small"
            component={RouterLink}
            to={areas.alerts.path}
            onClick={() => setText(null)}
          >
            View
          </Button>
        }
      >
        {text}
      </Alert>
    </Snackbar>
  )
}
