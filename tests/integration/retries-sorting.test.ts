import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import type { FailureQuery } from '../../src-shared/domain/payments'
import {
  collection,
  fail,
  insufficientFunds,
  networkDown,
  retriesTestApp,
  type RetriesTestApp,
} from './retries-support'

let app: RetriesTestApp
beforeEach(async () => {
  app = await retriesTestApp()
})
afterEach(() => app.close())

const idsOf = async (query: FailureQuery): Promise<number[]> =>
  (await invoke(app.dispatch, 'retries:list', query)).failures.map((f) => f.id)

describe('the retry queue sorted on the server', () => {
  it('sorts by amount and by attempts either way, the id breaking ties', async () => {
    // Globex's EUR 238.00 declined first, then acme's USD 119.00 and USD 59.50 on the network.
    const globex = fail(app, (await collection(app, 'globex', 20_000)).subject, insufficientFunds)
    const acme = fail(app, (await collection(app, 'acme', 10_000)).subject, networkDown)
    const small = fail(app, (await collection(app, 'acme', 5_000)).subject, networkDown)
    const [g, a, s] = [globex.failureId, acme.failureId, small.failureId]
    expect(await idsOf({})).toEqual([s, a, g])
    expect(await idsOf({ sort: { field: 'amount', direction: 'asc' } })).toEqual([s, a, g])
    expect(await idsOf({ sort: { field: 'amount', direction: 'desc' } })).toEqual([g, a, s])
    expect(await idsOf({ sort: { field: 'created', direction: 'asc' } })).toEqual([g, a, s])
    // One attempt each: the id decides.
    expect(await idsOf({ sort: { field: 'attempts', direction: 'desc' } })).toEqual([s, a, g])
    expect(
      await idsOf({ sort: { field: 'amount', direction: 'desc' }, limit: 1, offset: 1 }),
    ).toEqual([a])
  })
})
