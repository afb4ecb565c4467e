import { isEncryptedFile, LEDGER_KEY_ENV } from '../db/sqlite-open'
import { promptHidden } from './cli-operator'

/**
 * The passphrase of the ledger a command opens: METERBOOK_LEDGER_KEY, else, for an encrypted
 * ledger at a terminal, typed without echo. None for a plain ledger, or where nobody can be asked:
 * opening an encrypted ledger without it then fails with what to do (db/sqlite-open.ts).
 */
export const cliLedgerKey = async (path: string): Promise<string | null> => {
  const given = process.env[LEDGER_KEY_ENV]
  if (given !== undefined && given !== '') return given
  if (!isEncryptedFile(path) || !process.stdin.isTTY) return null
  return promptHidden(`Passphrase of the ledger at ${path}: `)
}
