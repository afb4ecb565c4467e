import { startApp, type App } from '../../src-main/app'
import type { Platform, SecretName } from '../../src-main/platform/platform'

/** A frozen clock that moves only when a test says so. */
export const frozenClock = (start = '2026-11-01T09:00:00.000Z') => {
  let current = new Date(start)
  return {
    now: () => new Date(current),
    advance: (ms: number) => {
      current = new Date(current.getTime() + ms)
    },
  }
}

/** A platform whose secrets live in memory (a key written in a test is kept for that app). */
export const testPlatform = (overrides: Partial<Platform> = {}): Platform => {
  const secrets = new Map<SecretName, string>()
  return {
    host: 'cli',
    operator: 'tester',
    readSecret: (name) => secrets.get(name),
    secretSource: (name) => (secrets.has(name) ? 'session' : null),
    writeSecret: (name, value) => {
      if (value === null) secrets.delete(name)
      else secrets.set(name, value)
    },
    canStoreSecrets: false,
    notify: () => undefined,
    openExternal: () => Promise.resolve(),
    ...overrides,
  }
}

/** The real services on a fresh in-memory ledger, with a frozen clock. */
export const testApp = async (
  options: {
    ledgerPath?: string
    /** The passphrase of an encrypted ledger file. */
    ledgerKey?: string
    platform?: Platform
    clock?: ReturnType<typeof frozenClock>
    /** The fake Stripe to talk to, and how long a request may take. */
    stripe?: { apiBase: string; timeoutMs?: number; sleep?: (ms: number) => Promise<void> }
    random?: () => number
  } = {},
): Promise<App & { clock: ReturnType<typeof frozenClock>; errors: unknown[] }> => {
  const clock = options.clock ?? frozenClock()
  const errors: unknown[] = []
  const app = await startApp({
    ledgerPath: options.ledgerPath ?? ':memory:',
    ledgerKey: options.ledgerKey ?? null,
    platform: options.platform ?? testPlatform(),
    now: clock.now,
    logError: (_message, error) => errors.push(error),
    ...(options.stripe
      ? { stripeApiBase: options.stripe.apiBase, stripeTimeoutMs: options.stripe.timeoutMs ?? 2000 }
      : {}),
    ...(options.stripe?.sleep ? { stripeSleep: options.stripe.sleep } : {}),
    ...(options.random ? { random: options.random } : {}),
  })
  return Object.assign(app, { clock, errors })
}
