import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker, type ResourceLimits } from 'node:worker_threads'

/** A worker entry built beside the main-process bundles (electron.vite.config.ts). */
export const builtWorker = (name: string): string =>
  join(dirname(fileURLToPath(import.meta.url)), `${name}.js`)

/**
 * A worker once it has said "ready" (it opened what it needs); null when it cannot start, and
 * the caller then does the work in its own thread.
 */
export const startWorker = (
  file: string,
  workerData: unknown,
  resourceLimits?: ResourceLimits,
): Promise<Worker | null> =>
  new Promise((resolve) => {
    try {
      const worker = new Worker(file, { workerData, ...(resourceLimits ? { resourceLimits } : {}) })
      worker.once('message', (message) => resolve(message === 'ready' ? worker : null))
      worker.once('error', () => resolve(null))
    } catch {
      resolve(null)
    }
  })
