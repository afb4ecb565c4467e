import { canonical } from './form'
import type { Params } from './types'

export type StoredResponse = { status: number; body: object }

type Entry =
  | { state: 'running'; fingerprint: string }
  | { state: 'done'; fingerprint: string; response: StoredResponse }

export type Claim =
  | { kind: 'new'; finish(response: StoredResponse | null): void }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'in_use' }
  | { kind: 'mismatch' }

/**
 * Stripe's idempotency for POSTs: the first executed result (any status below 500) is kept per key
 * and replayed; a key is locked while its first request runs; reusing it for other parameters or
 * another endpoint is refused.
 */
export const createIdempotencyStore = () => {
  const entries = new Map<string, Entry>()
  return {
    claim: (key: string, method: string, path: string, params: Params): Claim => {
      const fingerprint = `${method} ${path} ${canonical(params)}`
      const entry = entries.get(key)
      if (entry === undefined) {
        entries.set(key, { state: 'running', fingerprint })
        return {
          kind: 'new',
          finish: (response) => {
            if (response === null || response.status >= 500) entries.delete(key)
            else entries.set(key, { state: 'done', fingerprint, response })
          },
        }
      }
      if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' }
      if (entry.state === 'running') return { kind: 'in_use' }
      return { kind: 'replay', response: entry.response }
    },
  }
}
