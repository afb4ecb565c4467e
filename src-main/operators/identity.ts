import type { EntityManager } from 'typeorm'
import type { Identity } from '../../src-shared/domain/operators'
import type { ContractError } from '../../src-shared/ipc/result'
import type { Channel } from '../../src-shared/ipc/contract'
import { describeChannel, minimumRole, roleAllows } from '../../src-shared/ipc/roles'
import { findOperatorById } from './operator-rows'
import { signInRequired } from './sign-in-required'

/**
 * One host session (a browser page's token, an Electron window, a CLI command): who signed in
 * there. Hosts create it and hand it to the dispatcher with every call; only the session
 * channels change it.
 */
export type Session = { operatorId: number | null }

export const createSession = (): Session => ({ operatorId: null })

/**
 * Who is calling: the signed-in operator, read again for every call so that a role change or a
 * disable applies at once; the single user (the OS user, with every role) when sign-in is not
 * required; or null when it is and nobody is signed in.
 */
export const identify = async (
  db: EntityManager,
  session: Session,
  singleUser: string,
): Promise<Identity | null> => {
  if (!(await signInRequired(db)))
    return { name: singleUser, displayName: singleUser, role: 'admin' }
  if (session.operatorId === null) return null
  const row = await findOperatorById(db, session.operatorId)
  if (!row || row.disabledAt !== null) {
    session.operatorId = null
    return null
  }
  return { name: row.name, displayName: row.displayName, role: row.role }
}

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
