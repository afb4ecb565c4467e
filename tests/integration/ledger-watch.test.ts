import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { App } from '../../src-main/app'
import { invoke } from '../../src-main/ipc/dispatcher'
import { createLedgerWatch } from '../../src-main/ipc/ledger-watch'
import { startWebHost } from '../../src-main/web/server'
import { testApp } from '../support/test-app'

const opened: App[] = []
const folders: string[] = []
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close()
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

/** Two apps on one ledger file: this process's window and, say, the CLI. */
const twoOnOneLedger = async () => {
  const folder = mkdtempSync(join(tmpdir(), 'mb-watch-'))
  folders.push(folder)
  const ledgerPath = join(folder, 'ledger.sqlite')
  const mine = await testApp({ ledgerPath })
  const other = await testApp({ ledgerPath })
  opened.push(other, mine)
  const announced: number[] = []
  mine.events.subscribe((event, payload) => {
    if (event === 'ledger:changed')
      announced.push((payload as { latestAuditId: number }).latestAuditId)
  })
  return { mine, other, announced }
}

const saveCustomer = (app: App, externalId: string) =>
  invoke(app.dispatch, 'customers:save', {
    externalId,
    name: `${externalId} Ltd`,
    currency: 'USD',
  })

const latestAuditId = (app: App): number =>
  app.ledger.db.prepare<[], number>('SELECT max(id) FROM audit_entry').pluck().get() ?? 0

describe('the ledger watch', () => {
  it("announces another connection's commit with the latest audit id, once", async () => {
    const { mine, other, announced } = await twoOnOneLedger()
    const watch = createLedgerWatch(mine.ledger.db, mine.events, { logError: () => undefined })
    watch.check()
    expect(announced).toEqual([])
    await saveCustomer(other, 'acme')
    watch.check()
    watch.check()
    expect(announced).toEqual([latestAuditId(other)])
  })

  it("does not announce this process's own writes (they are announced as audit:appended)", async () => {
    const { mine, announced } = await twoOnOneLedger()
    const watch = createLedgerWatch(mine.ledger.db, mine.events, { logError: () => undefined })
    await saveCustomer(mine, 'acme')
    watch.check()
    expect(announced).toEqual([])
  })

  it('polls only while someone watches', async () => {
    const { mine, other, announced } = await twoOnOneLedger()
    const watch = createLedgerWatch(mine.ledger.db, mine.events, {
      intervalMs: 20,
      logError: () => undefined,
    })
    const release = watch.watch()
    await saveCustomer(other, 'acme')
    await expect.poll(() => announced.length, { timeout: 2_000 }).toBe(1)
    release()
    await saveCustomer(other, 'bravo')
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(announced).toHaveLength(1)
  })

  it("is what the app's watchLedger starts: a CLI-style write reaches the open page's events", async () => {
    const { mine, other, announced } = await twoOnOneLedger()
    const release = mine.watchLedger()
    try {
      await saveCustomer(other, 'acme')
      await expect
        .poll(() => announced, { timeout: 5_000, interval: 200 })
        .toEqual([latestAuditId(other)])
    } finally {
      release()
    }
  })

  it('is watched by the browser host exactly while a page holds its event stream', async () => {
    const { mine } = await twoOnOneLedger()
    let watching = 0
    const rendererDir = mkdtempSync(join(tmpdir(), 'mb-renderer-'))
    folders.push(rendererDir)
    const host = await startWebHost({
      dispatch: mine.dispatch,
      events: mine.events,
      rendererDir,
      watchLedger: () => {
        watching += 1
        return () => (watching -= 1)
      },
    })
    try {
      expect(watching).toBe(0)
      const controller = new AbortController()
      const stream = await fetch(`http://127.0.0.1:${host.port}/api/events?token=${host.token}`, {
        signal: controller.signal,
      })
      await (stream.body as ReadableStream<Uint8Array>).getReader().read()
      expect(watching).toBe(1)
      controller.abort()
      await expect.poll(() => watching, { timeout: 2_000 }).toBe(0)
    } finally {
      await host.close()
    }
  })
})
