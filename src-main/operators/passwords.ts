import { hash, verify } from '@node-rs/argon2'
import type { OperatorRow } from '../db/entities/operator'

/**
 * argon2id through @node-rs/argon2 with its defaults (19 MiB, 2 passes, 1 lane: OWASP's
 * recommendation); the PHC string it returns carries the salt and parameters.
 */
export const hashPassword = (password: string): Promise<string> => hash(password)

/**
 * A hash of nothing anyone knows, checked when the name is unknown or disabled, so a failed sign-in
 * takes as long whether or not the name exists.
 */
let decoy: Promise<string> | null = null

/** Whether the password matches; with no hash (no such operator), false after the same work. */
export const passwordMatches = async (
  stored: string | null,
  password: string,
): Promise<boolean> => {
  decoy ??= hash('no operator has this password: it only spends the time a real check does')
  const against = stored ?? (await decoy)
  try {
    const matches = await verify(against, password)
    return stored !== null && matches
  } catch {
    // A malformed stored hash fails the sign-in, never the process.
    return false
  }
}

/** One message for every failed sign-in: it never tells whether the name exists. */
export const SIGN_IN_FAILED = 'Sign-in failed: the name or the password is not right.'

/** The operator this password signs in, or null: unknown, disabled or wrong all look the same. */
export const signInWith = async (
  row: OperatorRow | null | undefined,
  password: string,
): Promise<OperatorRow | null> => {
  const usable = row && row.disabledAt === null ? row : null
  const matches = await passwordMatches(usable?.passwordHash ?? null, password)
  return matches && usable ? usable : null
}
