import { z } from 'zod'

/** What each role may do is declared per channel in src-shared/ipc/roles.ts. */
export const roles = ['viewer', 'finance', 'admin'] as const
export type Role = (typeof roles)[number]
export const RoleSchema = z.enum(roles)

/** At least this long: a shared ledger's passwords guard money. */
export const MIN_PASSWORD_LENGTH = 12

/**
 * The name an operator signs in with and the audit shows: short, no spaces, so it reads the same
 * in a CSV, a log line and a shell (`--operator ana`). Unique without regard to case.
 */
export const OperatorNameSchema = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    'must be 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit',
  )

export const PasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256, 'must be at most 256 characters')

export const DisplayNameSchema = z.string().trim().min(1, 'must not be empty').max(200)

export const NewOperatorSchema = z.strictObject({
  name: OperatorNameSchema,
  displayName: DisplayNameSchema,
  role: RoleSchema,
  password: PasswordSchema,
})
export type NewOperator = z.input<typeof NewOperatorSchema>

/** The first admin, created in the same step that switches operators on. */
export const FirstAdminSchema = NewOperatorSchema.omit({ role: true })
export type FirstAdmin = z.input<typeof FirstAdminSchema>

/** An operator as the renderer sees one: never the password hash. */
export type Operator = {
  name: string
  displayName: string
  role: Role
  disabledAt: string | null
  createdAt: string
}

/** Who is calling: a signed-in operator, or the single user of a ledger without operators. */
export type Identity = { name: string; displayName: string; role: Role }

export type Whoami = {
  /** Whether this ledger asks everyone to sign in (operators are switched on). */
  signInRequired: boolean
  /** Null when sign-in is required and nobody is signed in in this session. */
  identity: Identity | null
}
