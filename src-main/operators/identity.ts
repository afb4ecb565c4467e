import type { EntityManager } from 'typeorm'
import type { Identity } from '../../src-shared/domain/operators'
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
