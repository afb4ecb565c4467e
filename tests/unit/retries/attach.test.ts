import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { failureRecorder } from '../../../src-main/payments/failure-hooks'
import { attachRetries } from '../../../src-main/retries/attach'
import { recordFailure } from '../../../src-main/retries/failure-store'

describe("the retry queue attached to a ledger's payments", () => {
  it('records for the ledger it was attached to, and only until detached', () => {
    const ledger = new Database(':memory:')
    const other = new Database(':memory:')
    const detach = attachRetries(ledger)

    expect(failureRecorder(ledger).recordFailure).toBe(recordFailure)
    // A ledger with no retry queue wired would lose its failures: that is refused, loudly.
    expect(() => failureRecorder(other)).toThrow(/No failure recorder is registered/)
    detach()
    expect(() => failureRecorder(ledger)).toThrow(/No failure recorder is registered/)
  })
})
