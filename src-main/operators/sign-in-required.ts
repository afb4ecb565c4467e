import type { EntityManager } from 'typeorm'
import { operatorsSwitchedOn } from './operator-rows'

/**
 * The one place that decides whether a caller must be a signed-in operator. Today: operators are
 * switched on in this ledger. A shared ledger (PostgreSQL) will require it always, by adding its
 * condition here; on the embedded SQLite default with the switch off, nothing asks anyone to sign
 * in and the audit names the OS user.
 */
export const signInRequired = (db: EntityManager): Promise<boolean> => operatorsSwitchedOn(db)
