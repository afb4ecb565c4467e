/** What the running instance knows about itself; shown by `meterbook doctor` and the dashboard. */
export type AppInfo = {
  productName: string
  version: string
  host: 'electron' | 'web' | 'cli'
  operator: string
  ledger: {
    path: string
    sqliteVersion: string
    migrations: { name: string; appliedAt: string }[]
  }
  stripeConfigured: boolean
}
