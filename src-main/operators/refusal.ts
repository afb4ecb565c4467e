import type { Identity } from '../../src-shared/domain/operators'
import type { Channel } from '../../src-shared/ipc/contract'
import type { ContractError } from '../../src-shared/ipc/result'
import { describeChannel, minimumRole, roleAllows } from '../../src-shared/ipc/roles'

/** Why this caller may not call this channel, or null when they may. */
export const refusal = (channel: Channel, identity: Identity | null): ContractError | null => {
  const minimum = minimumRole[channel]
  if (minimum === 'anyone') return null
  if (identity === null)
    return {
      code: 'sign_in_required',
      message: 'Sign in first: this ledger has operators, and nobody is signed in here.',
    }
  if (roleAllows(identity.role, channel)) return null
  return {
    code: 'forbidden',
    message: `Signed in as ${identity.name} (${identity.role}): ${describeChannel(channel)} needs the ${minimum} role.`,
  }
}
