import type { EntityManager } from 'typeorm'
import type { NewOperator, Operator, Role } from '../../src-shared/domain/operators'
import type { OperatorRow } from '../db/entities/operator'
import { AppError } from '../errors'
import type { MutationCtx } from '../ipc/handlers-types'
import {
  countActiveAdmins,
  findOperator,
  insertOperator,
  toOperator,
  updateOperator,
} from './operator-rows'
import { hashPassword } from './passwords'

/** The operator by name, or a not_found naming it. */
export const requireOperator = async (db: EntityManager, name: string): Promise<OperatorRow> => {
  const row = await findOperator(db, name)
  if (!row) throw new AppError('not_found', `There is no operator called "${name}".`)
  return row
}

/** Adds an operator; the audit's after is the operator as listed, without any password. */
export const addOperator = async (input: NewOperator, ctx: MutationCtx): Promise<OperatorRow> => {
  if (await findOperator(ctx.db, input.name))
    throw new AppError('conflict', `An operator called "${input.name}" already exists.`, {
      name: 'is already taken',
    })
  const row = await insertOperator(ctx.db, {
    name: input.name,
    displayName: input.displayName,
    role: input.role,
    passwordHash: await hashPassword(input.password),
    createdAt: ctx.now().toISOString(),
  })
  await ctx.audit({
    entityType: 'operator',
    entityId: row.name,
    before: null,
    after: toOperator(row),
  })
  return row
}

/**
 * Nobody may be locked out: while operators are on, at least one active admin remains. Checked
 * inside the change's transaction, after it, so two admins demoting each other cannot both pass.
 */
const keepAnAdmin = async (db: EntityManager, what: string): Promise<void> => {
  if ((await countActiveAdmins(db)) === 0)
    throw new AppError(
      'conflict',
      `${what} would leave no active admin: make another operator admin first.`,
    )
}

const changed = async (
  ctx: MutationCtx,
  row: OperatorRow,
  change: Partial<{ role: Role; passwordHash: string; disabledAt: string }>,
  audited: Partial<Operator> & { passwordReset?: true },
): Promise<Operator> => {
  await updateOperator(ctx.db, row.id, change)
  const after = { ...row, ...change }
  const before = toOperator(row)
  await ctx.audit({
    entityType: 'operator',
    entityId: row.name,
    before,
    after: { ...toOperator(after), ...audited },
  })
  return toOperator(after)
}

export const setRole = async (name: string, role: Role, ctx: MutationCtx): Promise<Operator> => {
  const row = await requireOperator(ctx.db, name)
  const result = await changed(ctx, row, { role }, {})
  await keepAnAdmin(ctx.db, `Making ${row.name} ${role}`)
  return result
}

export const disableOperator = async (name: string, ctx: MutationCtx): Promise<Operator> => {
  const row = await requireOperator(ctx.db, name)
  if (row.disabledAt !== null) return toOperator(row)
  const result = await changed(ctx, row, { disabledAt: ctx.now().toISOString() }, {})
  await keepAnAdmin(ctx.db, `Disabling ${row.name}`)
  return result
}

/** The audit says that the password was reset, and by whom; never the password or its hash. */
export const resetPassword = async (
  name: string,
  password: string,
  ctx: MutationCtx,
): Promise<Operator> => {
  const row = await requireOperator(ctx.db, name)
  return changed(ctx, row, { passwordHash: await hashPassword(password) }, { passwordReset: true })
}
