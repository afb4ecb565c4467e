/** What the ledger says about itself that decides sign-in. */
export type LedgerFacts = {
  /** The `operators.enabled` setting (migration 0021). */
  operatorsOn: boolean
}

/**
 * The one rule that decides whether a caller must be a signed-in operator. Today: operators are
 * switched on in this ledger. A shared ledger (PostgreSQL) will require it always: add the fact
 * (`shared`) here and nowhere else. On the embedded SQLite default with the switch off, nothing
 * asks anyone to sign in and the audit names the OS user.
 */
export const signInRequiredBy = (facts: LedgerFacts): boolean => facts.operatorsOn
