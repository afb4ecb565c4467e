import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useState, type FormEvent } from 'react'
import { ErrorAlert } from '../error-alert'
import { useSignIn } from './queries'

/** Shown instead of the app while this ledger asks for sign-in and nobody is signed in here. */
export const SignInPage = () => {
  const signIn = useSignIn()
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const submit = (event: FormEvent): void => {
    event.preventDefault()
    signIn.mutate({ name, password })
  }
  return (
    <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2 }}>
      <Paper variant="outlined" sx={{ p: 4, width: '100%', maxWidth: 400 }}>
        <Stack component="form" spacing={2} onSubmit={submit} aria-label="Sign in">
          <Typography variant="h5" component="h1">
            Sign in to Meterbook
          </Typography>
          <Typography variant="body2" color="text.secondary">
            This ledger is shared: sign in as the operator an admin created for you.
          </Typography>
          {signIn.isError ? <ErrorAlert error={signIn.error} /> : null}
          <TextField
            label="Operator name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="username"
            autoFocus
            required
          />
          <TextField
            label="Password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            required
          />
          <Button type="submit" variant="contained" disabled={signIn.isPending}>
            Sign in
          </Button>
        </Stack>
      </Paper>
    </Box>
  )
}
