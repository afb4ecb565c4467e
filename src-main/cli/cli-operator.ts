import type Database from 'better-sqlite3'
import { createInterface } from 'node:readline'
import type { Identity } from '../../src-shared/domain/operators'
import type { Channel } from '../../src-shared/ipc/contract'
import { AppError } from '../errors'
import { findOperatorNow, signInRequiredNow } from '../operators/operator-rows-now'
import { refusal } from '../operators/refusal'

/** `--operator NAME`, as given for this process's one command (run-cli sets it). */
let operatorName: string | null = null

export const setCliOperator = (name: string | undefined): void => {
  operatorName = name ?? null
}

export const PASSWORD_ENV = 'METERBOOK_PASSWORD'
/** The password of an operator being added (or reset) from the command line. */
export const NEW_PASSWORD_ENV = 'METERBOOK_NEW_PASSWORD'

/** A line typed at the terminal without echoing it. */
export const promptHidden = (question: string): Promise<string> =>
  new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true })
    const echo = rl as unknown as { _writeToOutput: (text: string) => void }
    process.stderr.write(question)
    echo._writeToOutput = () => undefined
    rl.question('', (answer) => {
      rl.close()
      process.stderr.write('\n')
      resolve(answer)
    })
  })

/** A password from the environment, or typed at the terminal; never from an argument. */
export const readPassword = async (env: string, question: string): Promise<string> => {
  const given = process.env[env]
  if (given !== undefined && given !== '') return given
  if (process.stdin.isTTY) return promptHidden(question)
  throw new AppError(
    'sign_in_required',
    `No password: set ${env}, or run the command at a terminal to be asked for it.`,
  )
}

/** Who this command runs as when the ledger asks for sign-in and no --operator was given. */
export const NEEDS_OPERATOR =
  'This ledger has operators: name yourself with --operator NAME (the password comes from METERBOOK_PASSWORD, or is asked for at a terminal).'

/** The --operator name, or the refusal to go on without one. */
export const requireOperatorName = (): string => {
  if (operatorName === null) throw new AppError('sign_in_required', NEEDS_OPERATOR)
  return operatorName
}

export const passwordFor = (name: string): Promise<string> =>
  readPassword(PASSWORD_ENV, `Password for ${name}: `)

/**
 * On the ledger's bare connection (a usage import opens no more): who this command runs as, when
 * it may do what `channel` does. The OS user when the ledger asks for no sign-in.
 */
export const cliIdentityNow = async (
  db: Database.Database,
  singleUser: string,
  channel: Channel,
): Promise<Identity> => {
  let identity: Identity = { name: singleUser, displayName: singleUser, role: 'admin' }
  if (signInRequiredNow(db)) {
    const name = requireOperatorName()
    // argon2 loads only when a password is to be checked.
    const { SIGN_IN_FAILED, signInWith } = await import('../operators/passwords')
    const row = await signInWith(findOperatorNow(db, name), await passwordFor(name))
    if (!row) throw new AppError('sign_in_required', SIGN_IN_FAILED)
    identity = { name: row.name, displayName: row.displayName, role: row.role }
  }
  const refused = refusal(channel, identity)
  if (refused) throw new AppError(refused.code, refused.message)
  return identity
}
