import Button from '@mui/material/Button'
import MenuItem from '@mui/material/MenuItem'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useState, type FormEvent } from 'react'
import { MIN_PASSWORD_LENGTH, roles, type Role } from '../../src-shared/domain/operators'
import { ErrorAlert } from '../error-alert'
import { useCan, useSwitchOn, useWhoami } from '../session/queries'
import { useOperatorChange, useOperators } from './operators-queries'

const roleHelp: Record<Role, string> = {
  viewer: 'reads everything, changes nothing',
  finance: 'usage, billing runs, invoices, credit notes, payments, retries, customers',
  admin: 'also the catalog, settings, the Stripe key and operators',
}

/** Name, display name and password fields, shared by switching on and adding an operator. */
const useOperatorFields = () => {
  const [name, setName] = useState('')
  const [displayName, setDisplayName] = useState('')
  const [password, setPassword] = useState('')
  const fields = (
    <>
      <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} required />
      <TextField
        label="Display name"
        value={displayName}
        onChange={(e) => setDisplayName(e.target.value)}
        required
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        helperText={`At least ${MIN_PASSWORD_LENGTH} characters`}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
      />
    </>
  )
  const clear = (): void => {
    setName('')
    setDisplayName('')
    setPassword('')
  }
  return { values: { name, displayName, password }, fields, clear }
}

/** A single user turns sign-in on by creating the first admin: nobody is ever locked out. */
const SwitchOnForm = () => {
  const switchOn = useSwitchOn()
  const { values, fields } = useOperatorFields()
  const submit = (event: FormEvent): void => {
    event.preventDefault()
    switchOn.mutate(values)
  }
  return (
    <Stack component="form" spacing={2} onSubmit={submit} aria-label="Switch on operators">
      <Typography variant="body2" color="text.secondary">
        Today nobody signs in and the audit log names this computer&apos;s user. Switch operators on
        to have each person sign in with a role; you become the first admin.
      </Typography>
      {switchOn.isError ? <ErrorAlert error={switchOn.error} /> : null}
      {fields}
      <Button type="submit" variant="contained" disabled={switchOn.isPending}>
        Switch on operators
      </Button>
    </Stack>
  )
}

const AddOperatorForm = () => {
  const change = useOperatorChange()
  const { values, fields, clear } = useOperatorFields()
  const [role, setRole] = useState<Role>('viewer')
  const submit = (event: FormEvent): void => {
    event.preventDefault()
    change.mutate({ kind: 'add', input: { ...values, role } }, { onSuccess: clear })
  }
  return (
    <Stack component="form" spacing={2} onSubmit={submit} aria-label="Add operator">
      <Typography variant="subtitle2">Add an operator</Typography>
      {change.isError ? <ErrorAlert error={change.error} /> : null}
      {fields}
      <TextField
        select
        label="Role"
        value={role}
        onChange={(e) => setRole(e.target.value as Role)}
        helperText={roleHelp[role]}
      >
        {roles.map((r) => (
          <MenuItem key={r} value={r}>
            {r}
          </MenuItem>
        ))}
      </TextField>
      <Button type="submit" variant="contained" disabled={change.isPending}>
        Add operator
      </Button>
    </Stack>
  )
}

const OperatorTable = () => {
  const operators = useOperators(true)
  const change = useOperatorChange()
  if (operators.isError) return <ErrorAlert error={operators.error} />
  return (
    <>
      {change.isError ? <ErrorAlert error={change.error} /> : null}
      <Table size="small" aria-label="Operators">
        <TableHead>
          <TableRow>
            <TableCell>Name</TableCell>
            <TableCell>Display name</TableCell>
            <TableCell>Role</TableCell>
            <TableCell>Status</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {(operators.data ?? []).map((o) => (
            <TableRow key={o.name}>
              <TableCell>{o.name}</TableCell>
              <TableCell>{o.displayName}</TableCell>
              <TableCell>
                <TextField
                  select
                  size="small"
                  value={o.role}
                  disabled={o.disabledAt !== null}
                  slotProps={{ htmlInput: { 'aria-label': `Role of ${o.name}` } }}
                  onChange={(e) =>
                    change.mutate({ kind: 'set-role', name: o.name, role: e.target.value as Role })
                  }
                >
                  {roles.map((r) => (
                    <MenuItem key={r} value={r}>
                      {r}
                    </MenuItem>
                  ))}
                </TextField>
              </TableCell>
              <TableCell>{o.disabledAt ? 'Disabled' : 'Active'}</TableCell>
              <TableCell align="right">
                {o.disabledAt ? null : (
                  <Button
                    size="small"
                    color="error"
                    onClick={() => change.mutate({ kind: 'disable', name: o.name })}
                  >
                    Disable {o.name}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  )
}

/**
 * Settings → Operators: switching sign-in on (a single user), or the operators and their roles
 * (an admin). Other roles do not see it: `operators:list` is an admin's channel.
 */
export const OperatorsSection = () => {
  const whoami = useWhoami().data
  const can = useCan()
  if (!whoami || !can('operators:list')) return null
  return (
    <Stack spacing={2} sx={{ maxWidth: 720 }}>
      <Typography variant="h6" component="h2">
        Operators
      </Typography>
      <Paper variant="outlined" sx={{ p: 2 }}>
        {whoami.signInRequired ? (
          <Stack spacing={3}>
            <OperatorTable />
            <AddOperatorForm />
          </Stack>
        ) : (
          <SwitchOnForm />
        )}
      </Paper>
    </Stack>
  )
}
