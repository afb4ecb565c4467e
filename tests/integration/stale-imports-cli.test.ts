import { spawn, spawnSync, execFileSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { processOwner } from '../../src-main/db/process-owner'
import { usageTestApp } from './usage-support'

// The CLI as users run it: the built bundle (`npm run build`), in a child process.
const cli = fileURLToPath(new URL('../../out/main/cli.js', import.meta.url))

const folders: string[] = []
const dir = (): string => {
  const folder = mkdtempSync(join(tmpdir(), 'mb-stale-'))
  folders.push(folder)
  return folder
}
afterAll(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

/** A ledger file with the catalog fixture's plans and the customers acme and globex. */
const ledger = async (folder: string): Promise<string> => {
  const path = join(folder, 'ledger.sqlite')
  const app = await usageTestApp({ ledgerPath: path })
  await app.close()
  return path
}

const statusOf = (db: string, id: string): unknown => {
  const check = new Database(db, { readonly: true })
  try {
    return check.prepare('SELECT status FROM usage_import WHERE id = ?').pluck().get(id)
  } finally {
    check.close()
  }
}

const mapping = {
  event_id: 'event_id',
  customer_id: 'customer_id',
  metric: 'metric',
  quantity: 'quantity',
  timestamp: 'timestamp',
}

describe('stopping with an import open', () => {
  it('serve stops within seconds of SIGTERM with a browser import begun, marking it interrupted', async () => {
    const db = await ledger(dir())
    const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--db', db])
    const lines = createInterface({ input: child.stdout })
    const first = await new Promise<string>((resolve) => lines.once('line', resolve))
    const url = first.slice('Listening on '.length)
    const token = new URL(url).searchParams.get('token') ?? ''
    const call = async (channel: string, input: unknown) => {
      const response = await fetch(new URL(`/api/invoke/${channel}`, url), {
        method: 'POST',
        headers: { 'x-meterbook-token': token, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      })
      return (await response.json()) as { ok: boolean; value: { id: string } }
    }
    const begun = await call('usage:import-begin', {
      fileName: 'abandoned.csv',
      format: 'csv',
      mapping,
      policy: 'keep_valid',
    })
    expect(begun.ok).toBe(true)
    // A first chunk, and then the browser is gone: the rest never comes.
    await call('usage:import-chunk', {
      importId: begun.value.id,
      text: 'event_id,customer_id,metric,quantity,timestamp\ne1,acme,api_calls,1,2026-11-01T10:00:00Z\n',
      last: false,
    })

    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve))
    const signalled = performance.now()
    child.kill('SIGTERM')
    const code = await Promise.race([
      exit,
      new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 10_000)),
    ])
    if (code === 'still running') child.kill('SIGKILL')
    expect(code).toBe(0)
    expect(performance.now() - signalled).toBeLessThan(4_000)
    expect(statusOf(db, begun.value.id)).toBe('interrupted')
  }, 30_000)
})

describe('imports left running', () => {
  it('marks a killed CLI import interrupted at the next CLI command, leaving a live one alone', async () => {
    const folder = dir()
    const db = await ledger(folder)
    // A pipe as the file: the import reads what is written and then waits for more.
    const fifo = join(folder, 'usage.csv')
    execFileSync('mkfifo', [fifo])
    const importer = spawn(process.execPath, [cli, 'usage', 'import', fifo, '--db', db])
    // Read-write, so opening does not wait for the reader (Linux).
    const pipe = openSync(fifo, 'r+')
    writeSync(pipe, 'event_id,customer_id,metric,quantity,timestamp\n')
    writeSync(pipe, 'e1,acme,api_calls,1,2026-11-01T10:00:00Z\n')
    const watcher = new Database(db, { readonly: true })
    const running = watcher.prepare("SELECT id FROM usage_import WHERE status = 'running'").pluck()
    let killedId: string | undefined
    for (let waited = 0; waited < 20_000 && !killedId; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      killedId = running.get() as string | undefined
    }
    watcher.close()
    expect(killedId).toBeDefined()
    const killed = new Promise((resolve) => importer.once('exit', resolve))
    importer.kill('SIGKILL')
    await killed
    closeSync(pipe)

    // An import this (live) process runs, as another window or CLI beside it would.
    const writer = new Database(db)
    writer
      .prepare(
        `INSERT INTO usage_import (id, seq, file_name, format, policy, status, mapping_json,
           operator, started_at, owner)
         VALUES ('live', 99, 'live.csv', 'csv', 'keep_valid', 'running', '{}', 'ada',
           '2026-11-01T00:00:00.000Z', ?)`,
      )
      .run(processOwner())
    writer.close()

    const next = spawnSync(
      process.execPath,
      [cli, 'billing', 'run', '--period', '2026-11', '--dry-run', '--db', db],
      { encoding: 'utf8', timeout: 30_000 },
    )
    expect(next.status).toBe(0)
    expect(statusOf(db, killedId ?? '')).toBe('interrupted')
    expect(statusOf(db, 'live')).toBe('running')
  }, 60_000)
})
