import { startApp, type App } from '../../src-main/app'
import type { Platform } from '../../src-main/platform/platform'

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

export const testPlatform = (overrides: Partial<Platform> = {}): Platform => ({
  host: 'cli',
  operator: 'tester',
  readSecret: () => undefined,
  notify: () => undefined,
  openExternal: () => Promise.resolve(),
  ...overrides,
})

/** The real services on a fresh in-memory ledger, with a frozen clock. */
export const testApp = async (
  options: {
    ledgerPath?: string
    platform?: Platform
    clock?: ReturnType<typeof frozenClock>
  } = {},
): Promise<App & { clock: ReturnType<typeof frozenClock>; errors: unknown[] }> => {
  const clock = options.clock ?? frozenClock()
  const errors: unknown[] = []
  const app = await startApp({
    ledgerPath: options.ledgerPath ?? ':memory:',
    platform: options.platform ?? testPlatform(),
    now: clock.now,
    logError: (_message, error) => errors.push(error),
  })
  return Object.assign(app, { clock, errors })
}
