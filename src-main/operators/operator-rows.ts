import type Database from 'better-sqlite3'
import type { EntityManager } from 'typeorm'
import type { Operator, Role } from '../../src-shared/domain/operators'
import { OperatorEntity, type OperatorRow } from '../db/entities/operator'
import { SettingEntity } from '../db/entities/setting'

/** The operators' data module: their rows and the switch that turns sign-in on. */

/** The setting row (migration 0021) that says whether operators are switched on. */
export const OPERATORS_SWITCH = 'operators.enabled'

export const toOperator = (row: OperatorRow): Operator => ({
  name: row.name,
  displayName: row.displayName,
  role: row.role,
  disabledAt: row.disabledAt,
  createdAt: row.createdAt,
})

export const operatorsSwitchedOn = async (db: EntityManager): Promise<boolean> => {
  const row = await db.findOneBy(SettingEntity, { key: OPERATORS_SWITCH })
  return row?.valueJson === 'true'
}

/** The same on the ledger's bare connection (the CLI's usage import opens nothing more). */
export const operatorsSwitchedOnNow = (db: Database.Database): boolean =>
  db.prepare('SELECT value_json FROM setting WHERE key = ?').pluck().get(OPERATORS_SWITCH) ===
  'true'

export const setOperatorsSwitch = async (
  db: EntityManager,
  on: boolean,
  now: Date,
): Promise<void> => {
  await db.upsert(
    SettingEntity,
    { key: OPERATORS_SWITCH, valueJson: JSON.stringify(on), updatedAt: now.toISOString() },
    ['key'],
  )
}

/** By name, whatever its case ("Ana" signs in as "ana"). */
export const findOperator = (db: EntityManager, name: string): Promise<OperatorRow | null> =>
  db
    .createQueryBuilder(OperatorEntity, 'o')
    .where('lower(o.name) = lower(:name)', { name })
    .getOne()

export const findOperatorNow = (db: Database.Database, name: string): OperatorRow | undefined =>
  db
    .prepare<[string], OperatorRow>(
      `SELECT id, name, display_name AS displayName, role, password_hash AS passwordHash,
              disabled_at AS disabledAt, created_at AS createdAt
       FROM operator WHERE name = ? COLLATE NOCASE`,
    )
    .get(name)

export const findOperatorById = (db: EntityManager, id: number): Promise<OperatorRow | null> =>
  db.findOneBy(OperatorEntity, { id })

export const listOperators = (db: EntityManager): Promise<OperatorRow[]> =>
  db.find(OperatorEntity, { order: { name: 'ASC' } })

export const countActiveAdmins = (db: EntityManager): Promise<number> =>
  db
    .createQueryBuilder(OperatorEntity, 'o')
    .where("o.role = 'admin'")
    .andWhere('o.disabled_at IS NULL')
    .getCount()

export const insertOperator = async (
  db: EntityManager,
  row: Omit<OperatorRow, 'id' | 'disabledAt'>,
): Promise<OperatorRow> => {
  const result = await db.insert(OperatorEntity, { ...row, disabledAt: null })
  return { ...row, id: Number(result.identifiers[0]?.['id']), disabledAt: null }
}

export const updateOperator = async (
  db: EntityManager,
  id: number,
  change: Partial<{ role: Role; passwordHash: string; disabledAt: string }>,
): Promise<void> => {
  await db.update(OperatorEntity, { id }, change)
}
