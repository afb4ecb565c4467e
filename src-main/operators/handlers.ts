import type { Whoami } from '../../src-shared/domain/operators'
import { AppError } from '../errors'
import type { HandlersFor, QueryCtx } from '../ipc/handlers-types'
import { identify } from './identity'
import {
  findOperator,
  listOperators,
  operatorsSwitchedOn,
  setOperatorsSwitch,
  toOperator,
} from './operator-rows'
import { addOperator, disableOperator, resetPassword, setRole } from './operators-service'
import { SIGN_IN_FAILED, signInWith } from './passwords'
import { signInRequired } from './sign-in-required'

const whoami = async (ctx: QueryCtx): Promise<Whoami> => ({
  signInRequired: await signInRequired(ctx.db),
  identity: await identify(ctx.db, ctx.session, ctx.operator),
})

export const sessionHandlers: HandlersFor<'session'> = {
  'session:whoami': (_input, ctx) => whoami(ctx),
  'session:sign-in': async ({ name, password }, ctx) => {
    const operator = await signInWith(await findOperator(ctx.db, name), password)
    if (!operator) throw new AppError('sign_in_required', SIGN_IN_FAILED)
    ctx.session.operatorId = operator.id
    return whoami(ctx)
  },
  'session:sign-out': (_input, ctx) => {
    ctx.session.operatorId = null
    return whoami(ctx)
  },
}

export const operatorsHandlers: HandlersFor<'operators'> = {
  'operators:list': async (_input, { db }) => (await listOperators(db)).map(toOperator),
  'operators:add': async (input, ctx) => toOperator(await addOperator(input, ctx)),
  'operators:set-role': ({ name, role }, ctx) => setRole(name, role, ctx),
  'operators:disable': ({ name }, ctx) => disableOperator(name, ctx),
  'operators:reset-password': ({ name, password }, ctx) => resetPassword(name, password, ctx),
  'operators:switch-on': async (admin, ctx) => {
    if (await operatorsSwitchedOn(ctx.db))
      throw new AppError('conflict', 'Operators are already switched on.')
    const row = await addOperator({ ...admin, role: 'admin' }, ctx)
    await setOperatorsSwitch(ctx.db, true, ctx.now())
    await ctx.audit({
      entityType: 'settings',
      entityId: 'operators',
      before: { operators: false },
      after: { operators: true },
    })
    // Whoever switched operators on carries on as the admin they created: nobody is locked out.
    ctx.session.operatorId = row.id
    return whoami(ctx)
  },
  'operators:switch-off': async (_input, ctx) => {
    await setOperatorsSwitch(ctx.db, false, ctx.now())
    await ctx.audit({
      entityType: 'settings',
      entityId: 'operators',
      before: { operators: true },
      after: { operators: false },
    })
    ctx.session.operatorId = null
    return whoami(ctx)
  },
}
