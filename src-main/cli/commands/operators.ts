import type { Operator, Role } from '../../../src-shared/domain/operators'
import { roles } from '../../../src-shared/domain/operators'
import { invoke } from '../../ipc/dispatcher'
import { NEW_PASSWORD_ENV, readPassword } from '../cli-operator'
import { UsageError, type Command, type CommandContext } from '../command'
import { withApp } from '../with-app'

const line = (o: Operator): string =>
  `${o.name.padEnd(20)}${o.role.padEnd(9)}${o.disabledAt ? `disabled ${o.disabledAt}` : 'active'}  ${o.displayName}`

const oneName = (args: string[], what: string): string => {
  const [name, ...rest] = args
  if (!name || rest.length > 0) throw new UsageError(`${what} needs exactly one operator NAME.`)
  return name
}

const roleOf = (value: string | boolean | undefined): Role => {
  const role = roles.find((r) => r === value)
  if (!role) throw new UsageError(`The role must be one of ${roles.join(', ')}.`)
  return role
}

const displayNameOf = (ctx: CommandContext, name: string): string =>
  typeof ctx.options['display-name'] === 'string' ? ctx.options['display-name'] : name

const newPassword = (name: string): Promise<string> =>
  readPassword(NEW_PASSWORD_ENV, `New password for ${name}: `)

export const operatorsList: Command = {
  usage: 'meterbook operators list [--operator NAME] [--db PATH] [--json]',
  summary: 'The operators, their roles and whether they are active (admin)',
  run: async ({ args, ledgerPath, out }) => {
    if (args.length > 0) throw new UsageError(`Unexpected argument "${args[0] ?? ''}".`)
    const list = await withApp(ledgerPath, (app) => invoke(app.dispatch, 'operators:list', {}))
    out.result(list, list.length === 0 ? 'No operators.' : list.map(line).join('\n'))
    return 0
  },
}

export const operatorsAdd: Command = {
  usage: `meterbook operators add NAME --role ${roles.join('|')} [--display-name TEXT] (password: ${NEW_PASSWORD_ENV}, or asked for)`,
  summary: 'Add an operator with a role (admin)',
  options: { role: { type: 'string' }, 'display-name': { type: 'string' } },
  run: async (ctx) => {
    const name = oneName(ctx.args, 'operators add')
    const role = roleOf(ctx.options['role'])
    const password = await newPassword(name)
    const added = await withApp(ctx.ledgerPath, (app) =>
      invoke(app.dispatch, 'operators:add', {
        name,
        displayName: displayNameOf(ctx, name),
        role,
        password,
      }),
    )
    ctx.out.result(added, `Added ${added.name} (${added.role}).`)
    return 0
  },
}

export const operatorsSetRole: Command = {
  usage: `meterbook operators set-role NAME ${roles.join('|')}`,
  summary: "Change an operator's role (admin); the last active admin keeps theirs",
  run: async ({ args, ledgerPath, out }) => {
    const [name, role, ...rest] = args
    if (!name || !role || rest.length > 0)
      throw new UsageError('operators set-role needs a NAME and a ROLE.')
    const changed = await withApp(ledgerPath, (app) =>
      invoke(app.dispatch, 'operators:set-role', { name, role: roleOf(role) }),
    )
    out.result(changed, `${changed.name} is now ${changed.role}.`)
    return 0
  },
}

export const operatorsDisable: Command = {
  usage: 'meterbook operators disable NAME',
  summary: 'Disable an operator: signed out, kept in the audit (admin)',
  run: async ({ args, ledgerPath, out }) => {
    const name = oneName(args, 'operators disable')
    const changed = await withApp(ledgerPath, (app) =>
      invoke(app.dispatch, 'operators:disable', { name }),
    )
    out.result(changed, `${changed.name} is disabled.`)
    return 0
  },
}

export const operatorsResetPassword: Command = {
  usage: `meterbook operators reset-password NAME (password: ${NEW_PASSWORD_ENV}, or asked for)`,
  summary: "Set an operator's new password (admin)",
  run: async ({ args, ledgerPath, out }) => {
    const name = oneName(args, 'operators reset-password')
    const password = await newPassword(name)
    const changed = await withApp(ledgerPath, (app) =>
      invoke(app.dispatch, 'operators:reset-password', { name, password }),
    )
    out.result(changed, `${changed.name}'s password is reset.`)
    return 0
  },
}

export const operatorsSwitchOn: Command = {
  usage: `meterbook operators switch-on NAME [--display-name TEXT] (password: ${NEW_PASSWORD_ENV}, or asked for)`,
  summary: 'Switch sign-in on for this ledger, creating its first admin',
  options: { 'display-name': { type: 'string' } },
  run: async (ctx) => {
    const name = oneName(ctx.args, 'operators switch-on')
    const password = await newPassword(name)
    await withApp(ctx.ledgerPath, (app) =>
      invoke(app.dispatch, 'operators:switch-on', {
        name,
        displayName: displayNameOf(ctx, name),
        password,
      }),
    )
    ctx.out.result(
      { signInRequired: true, admin: name },
      `Operators are on: sign in as ${name} (admin), e.g. --operator ${name}.`,
    )
    return 0
  },
}
