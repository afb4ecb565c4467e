/** What the running instance knows about itself; shown by `meterbook doctor` and the dashboard. */
export type AppInfo = {
  productName: string
  version: string
  host: 'electron' | 'web' | 'cli'
  operator: string
  ledger: {
    path: string
    sqliteVersion: string
    /** Encrypted at rest by a passphrase (`meterbook ledger encrypt`). */
    encrypted: boolean
    migrations: { name: string; appliedAt: string }[]
  }
  stripeConfigured: boolean
}

/** `ok`: fine; `off`: not set up, nothing wrong; `warning` and `problem` need attention. */
export type HealthStatus = 'ok' | 'off' | 'warning' | 'problem'

/** One thing `meterbook doctor` checked, what it found, and what to do about it. */
export type HealthCheck = {
  area: 'ledger' | 'stripe' | 'schedule'
  name: string
  status: HealthStatus
  detail: string
  /** What to do, when the status asks for something. */
  action: string | null
}

export type HealthReport = {
  checks: HealthCheck[]
  /** True when any check is a warning or a problem. */
  attention: boolean
}
