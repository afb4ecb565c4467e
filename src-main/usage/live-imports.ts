import type { ImportSession } from './import-session'

/**
 * The imports this process is running, fed chunk by chunk through the usage channels. The app
 * holds them so that closing it (a host stopping on SIGTERM) ends each one `interrupted` and
 * stops its parsing worker, rather than waiting for a renderer that will never send the rest.
 */
export type LiveImports = {
  readonly sessions: Map<string, ImportSession>
  /** Ends every running import as interrupted; the batches written stay. */
  interruptAll: () => Promise<void>
}

export const createLiveImports = (): LiveImports => {
  const sessions = new Map<string, ImportSession>()
  return {
    sessions,
    interruptAll: async () => {
      const running = [...sessions.values()]
      sessions.clear()
      // One failing (the ledger gone) must not keep the others' workers alive.
      await Promise.allSettled(running.map((session) => session.interrupt()))
    },
  }
}
