import type { EntityManager } from 'typeorm'
import type { Operator, Role } from '../../src-shared/domain/operators'
import { OperatorEntity, type OperatorRow } from '../db/entities/operator'
import { SettingEntity } from '../db/entities/setting'

/** The operators' data module: their rows and the switch that turns sign-in on. */

import { OPERATORS_SWITCH } from './operator-rows-now'

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
