import { LEDGER_KEY_ENV } from '../../db/sqlite-open'
import { changeEncryption, type EncryptionChange } from '../../ledger-copy/encryption'
import { AppError } from '../../errors'
import { promptHidden } from '../cli-operator'
import type { Command } from '../command'
import { withConnection } from '../with-connection'

/** The passphrase to set: METERBOOK_NEW_LEDGER_KEY, or typed twice at a terminal. */
export const NEW_LEDGER_KEY_ENV = 'METERBOOK_NEW_LEDGER_KEY'

const given = (name: string): string | null => {
  const value = process.env[name]
  return value === undefined || value === '' ? null : value
}

/** For `encrypt`, METERBOOK_LEDGER_KEY is taken as the new passphrase when it is the only one. */
const newPassphrase = async (orCurrent = false): Promise<string> => {
  const set = given(NEW_LEDGER_KEY_ENV) ?? (orCurrent ? given(LEDGER_KEY_ENV) : null)
  if (set !== null) return set
  if (!process.stdin.isTTY)
    throw new AppError(
      'validation_failed',
      `No new passphrase: set ${NEW_LEDGER_KEY_ENV}, or run the command at a terminal to be asked for it.`,
    )
  const first = await promptHidden('New passphrase for the ledger: ')
  if ((await promptHidden('The same passphrase again: ')) !== first)
    throw new AppError('validation_failed', 'The two passphrases differ. Nothing was changed.')
  return first
}

const currentPassphrase = (): string => {
  const set = given(LEDGER_KEY_ENV)
  if (set !== null) return set
  throw new AppError(
    'validation_failed',
    `No passphrase for the ledger: set ${LEDGER_KEY_ENV} to its current passphrase.`,
  )
}

const told: Record<EncryptionChange['action'], string> = {
  encrypt: `Encrypted. From now on, give the passphrase in ${LEDGER_KEY_ENV} (or at the prompt) to open it.`,
  decrypt: 'Decrypted: the ledger opens without a passphrase again.',
  rekey: `Passphrase changed: give the new one in ${LEDGER_KEY_ENV} from now on.`,
}

/**
 * One of the three changes, by an admin (the operator is checked on the ledger as it is, before
 * anything changes) and audited on the ledger.
 */
const encryptionCommand = (
  action: EncryptionChange['action'],
  summary: string,
  passphrases: () => Promise<{ key: string; newKey: string }>,
): Command => ({
  usage: `meterbook ledger ${action} [--db PATH] [--json]`,
  summary,
  run: async ({ ledgerPath, out }) => {
    // A plain ledger is opened as one, whatever the environment says: it is about to change.
    const operator = await withConnection(
      ledgerPath,
      'settings:update',
      (ledger) => Promise.resolve(ledger.operator),
      action === 'encrypt' ? null : undefined,
    )
    const { key, newKey } = await passphrases()
    const change =
      action === 'rekey'
        ? { action, key, newKey }
        : { action, key: action === 'encrypt' ? newKey : key }
    const result = changeEncryption(ledgerPath, change, { operator, now: new Date() })
    out.result(result, `${result.path}: ${told[action]}`)
    return 0
  },
})

export const ledgerEncrypt = encryptionCommand(
  'encrypt',
  `Encrypt the ledger file at rest (passphrase: ${NEW_LEDGER_KEY_ENV} or ${LEDGER_KEY_ENV}, or typed twice)`,
  async () => ({ key: '', newKey: await newPassphrase(true) }),
)

export const ledgerDecrypt = encryptionCommand(
  'decrypt',
  `Store the ledger file in clear again (its passphrase: ${LEDGER_KEY_ENV})`,
  () => Promise.resolve({ key: currentPassphrase(), newKey: '' }),
)

export const ledgerRekey = encryptionCommand(
  'rekey',
  `Change the ledger's passphrase (${LEDGER_KEY_ENV} → ${NEW_LEDGER_KEY_ENV} or typed twice)`,
  async () => ({ key: currentPassphrase(), newKey: await newPassphrase() }),
)
