/**
 * What crosses every host boundary. Electron strips custom properties from thrown errors, so
 * failures travel as data: a stable snake_case code, a readable message and, for validation,
 * the offending fields keyed by their path (`companyEmail`, `plans[2].features[0].code`).
 */
export type ErrorCode =
  | 'validation_failed'
  | 'unknown_channel'
  | 'not_found'
  | 'conflict'
  | 'ledger_unavailable'
  | 'stripe_not_configured'
  | 'stripe_unavailable'
  | 'secret_storage_unavailable'
  // Mail (issue 21, item 3): no SMTP server set up, or it could not be reached.
  | 'mail_not_configured'
  | 'mail_unavailable'
  // Operators and roles: no one is signed in, or the role does not allow the channel.
  | 'sign_in_required'
  | 'forbidden'
  | 'internal'

export type ContractError = {
  code: ErrorCode
  message: string
  fields?: Record<string, string>
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = (error: ContractError): Result<never> => ({ ok: false, error })
