import type Database from 'better-sqlite3'
import type { OperatorRow } from '../db/entities/operator'
import { signInRequiredBy } from './sign-in-rule'

/**
 * The few operator reads the CLI's usage import needs on the ledger's bare connection: it starts
 * without the ORM, so nothing here may load it (types only from the entity).
 */

export const OPERATORS_SWITCH = 'operators.enabled'

export const signInRequiredNow = (db: Database.Database): boolean =>
  signInRequiredBy({
    operatorsOn:
      db.prepare('SELECT value_json FROM setting WHERE key = ?').pluck().get(OPERATORS_SWITCH) ===
      'true',
  })

/** By name, whatever its case. */
export const findOperatorNow = (db: Database.Database, name: string): OperatorRow | undefined =>
  db
    .prepare<[string], OperatorRow>(
      `SELECT id, name, display_name AS displayName, role, password_hash AS passwordHash,
              disabled_at AS disabledAt, created_at AS createdAt
       FROM operator WHERE name = ? COLLATE NOCASE`,
    )
    .get(name)
