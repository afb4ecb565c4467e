import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { NewOperator, Role } from '../../src-shared/domain/operators'
import { call } from '../api'
import { auditQueryKeys } from '../audit/queries'
import { channelQuery } from '../channel-query'

export const useOperators = (enabled: boolean) =>
  useQuery({ ...channelQuery('operators:list', {}), enabled })

type Change =
  | { kind: 'add'; input: NewOperator }
  | { kind: 'set-role'; name: string; role: Role }
  | { kind: 'disable'; name: string }
  | { kind: 'reset-password'; name: string; password: string }

const send = (change: Change) => {
  switch (change.kind) {
    case 'add':
      return call('operators:add', change.input)
    case 'set-role':
      return call('operators:set-role', { name: change.name, role: change.role })
    case 'disable':
      return call('operators:disable', { name: change.name })
    case 'reset-password':
      return call('operators:reset-password', { name: change.name, password: change.password })
  }
}

export const useOperatorChange = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: send,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['operators:list'] }),
        // A role change of the operator signed in here shows at once.
        queryClient.invalidateQueries({ queryKey: ['session:whoami'] }),
        ...auditQueryKeys.map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      ]),
  })
}
