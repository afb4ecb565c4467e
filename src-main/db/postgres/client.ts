import pg from 'pg'
import { AppError } from '../../errors'

/** A ledger location that names a server (`postgres://…`, `postgresql://…`), not a file. */
export const isPostgresUrl = (location: string): boolean => /^postgres(ql)?:\/\//i.test(location)

/** Any URL-looking location (`scheme://…`): never a file path. */
export const isUrl = (location: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(location)

/** The address without its password, for messages and logs. */
export const redactUrl = (url: string): string => url.replace(/\/\/([^@/:]*)(:[^@/]*)?@/, '//$1@')

/**
 * BIGINT arrives from `pg` as text (it may exceed 2^53). Every BIGINT in the ledger is an id, an
 * instant in milliseconds, a quantity or an amount within 10^13, all safe integers: parsed to a
 * number, and refused loudly rather than rounded if one ever is not.
 */
export const parseBigint = (text: string): number => {
  const value = Number(text)
  if (!Number.isSafeInteger(value)) {
    throw new AppError('ledger_unavailable', `The ledger holds ${text}, past a safe integer.`)
  }
  return value
}

const ledgerTypes: pg.CustomTypesConfig = {
  getTypeParser: (oid, format) => {
    if (oid === pg.types.builtins.INT8 && format !== 'binary') return parseBigint
    const parser: unknown = pg.types.getTypeParser(oid, format)
    return parser
  },
}

/** A connected client to the ledger's server, BIGINTs parsed as numbers; errors say where. */
export const connectPostgres = async (
  url: string,
  types: pg.CustomTypesConfig = ledgerTypes,
): Promise<pg.Client> => {
  const client = new pg.Client({ connectionString: url, types })
  try {
    await client.connect()
  } catch (error) {
    await client.end().catch(() => undefined)
    throw new AppError(
      'ledger_unavailable',
      `Cannot connect to the PostgreSQL ledger at ${redactUrl(url)}: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  return client
}
