import LogoutOutlined from '@mui/icons-material/LogoutOutlined'
import Button from '@mui/material/Button'
import Typography from '@mui/material/Typography'
import { useSignOut, useWhoami } from './queries'

/** The signed-in operator and a sign-out, in the app bar; nothing for a single user. */
export const SessionMenu = () => {
  const whoami = useWhoami().data
  const signOut = useSignOut()
  if (!whoami?.signInRequired || !whoami.identity) return null
  const { displayName, name, role } = whoami.identity
  return (
    <>
      <Typography variant="body2" aria-label="Signed in as" title={name}>
        {displayName} ({role})
      </Typography>
      <Button
        size="small"
        color="inherit"
        startIcon={<LogoutOutlined fontSize="small" />}
        onClick={() => signOut.mutate()}
        disabled={signOut.isPending}
      >
        Sign out
      </Button>
    </>
  )
}
