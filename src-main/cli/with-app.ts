import type { Channel } from '../../src-shared/ipc/contract'
import { startApp, type App } from '../app'
import { AppError } from '../errors'
import { invoke, type Dispatcher } from '../ipc/dispatcher'
import { createSession } from '../operators/identity'
import { refusal } from '../operators/refusal'
import { nodePlatform } from '../platform/node-platform'
import { passwordFor, requireOperatorName } from './cli-operator'
import { cliLedgerKey } from './ledger-key'

/**
 * The app with its dispatcher bound to this command's session: signed in as --operator when the
 * ledger asks for sign-in. `acts`: the channel a command stands for when it calls services
 * directly (a billing run), so the role check still applies and the audit names the operator.
 */
const signedIn = async (app: App, acts: Channel | undefined): Promise<App> => {
  const session = createSession()
  const dispatch: Dispatcher = Object.assign(
    (channel: string, input: unknown) => app.dispatch(channel, input, session),
    { inTurn: app.dispatch.inTurn },
  )
  // Without operators, --operator is not needed and not checked: a script written for a team
  // ledger still runs on a desktop one, as its one user.
  if ((await invoke(dispatch, 'session:whoami', {})).signInRequired) {
    const name = requireOperatorName()
    await invoke(dispatch, 'session:sign-in', { name, password: await passwordFor(name) })
  }
  const { identity } = await invoke(dispatch, 'session:whoami', {})
  if (acts && identity) {
    const refused = refusal(acts, identity)
    if (refused) throw new AppError(refused.code, refused.message)
  }
  const operator = identity?.name ?? app.platform.operator
  return { ...app, dispatch, platform: { ...app.platform, operator } }
}

/** Opens the ledger for one CLI command and closes it however the command ends. */
export const withApp = async <T>(
  ledgerPath: string,
  run: (app: App) => Promise<T>,
  acts?: Channel,
): Promise<T> => {
  const app = await startApp({
    ledgerPath,
    ledgerKey: await cliLedgerKey(ledgerPath),
    platform: nodePlatform('cli'),
  })
  try {
    return await run(await signedIn(app, acts))
  } finally {
    await app.close()
  }
}
