import type { EntityManager } from 'typeorm'
import { operatorsSwitchedOn } from './operator-rows'
import { signInRequiredBy } from './sign-in-rule'

/** Whether this ledger asks callers to sign in (the rule: sign-in-rule.ts). */
export const signInRequired = async (db: EntityManager): Promise<boolean> =>
  signInRequiredBy({ operatorsOn: await operatorsSwitchedOn(db) })
