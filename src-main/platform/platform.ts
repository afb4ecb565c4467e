/**
 * What a host supplies to the services: the Electron host implements it with Electron (safeStorage,
 * Notification, shell), the browser and CLI hosts with plain Node.
 */
export type HostKind = 'electron' | 'web' | 'cli'

export type Platform = {
  host: HostKind
  /** Who the audit log names for changes made in this session. */
  operator: string
  /** A secret such as the Stripe key, or undefined when none is configured. */
  readSecret: (name: SecretName) => string | undefined
  /** Where the secret comes from: stored by the OS, kept for this session, or the environment. */
  secretSource: (name: SecretName) => SecretSource | null
  /**
   * Stores a secret, or forgets it with null. The desktop host encrypts it with the operating
   * system; the others keep it in memory for the session (their lasting key is the environment).
   */
  writeSecret: (name: SecretName, value: string | null) => void
  /** Whether `writeSecret` stores encrypted at rest (true) or for the session only (false). */
  canStoreSecrets: boolean
  notify: (title: string, body: string) => void
  openExternal: (url: string) => Promise<void>
}

export type SecretName = 'stripe-key' | 'smtp-password'
export type SecretSource = 'stored' | 'session' | 'environment'

/** Environment variables that stand in for stored secrets (CLI, tests, CI). */
export const secretEnvVars: Record<SecretName, string> = {
  'stripe-key': 'METERBOOK_STRIPE_KEY',
  'smtp-password': 'METERBOOK_SMTP_PASSWORD',
}
