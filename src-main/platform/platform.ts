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
  notify: (title: string, body: string) => void
  openExternal: (url: string) => Promise<void>
}

export type SecretName = 'stripe-key'

/** Environment variables that stand in for stored secrets (CLI, tests, CI). */
export const secretEnvVars: Record<SecretName, string> = { 'stripe-key': 'METERBOOK_STRIPE_KEY' }
