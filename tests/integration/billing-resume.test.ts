import { spawn, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { benchShape, seedUsageLedger } from '../../bench/generate-usage'

const cli =
  process.env['METERBOOK_CLI'] ?? fileURLToPath(new URL('../../out/main/cli.js', import.meta.url))
const built =
  existsSync(cli) &&
  spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' }).stdout.includes('billing run')

const CUSTOMERS = 4000
const dir = mkdtempSync(join(tmpdir(), 'mb-billing-resume-'))
const seeded = join(dir, 'seeded.sqlite')

beforeAll(async () => {
  await seedUsageLedger(seeded, { ...benchShape, customers: CUSTOMERS })
  const db = new Database(seeded)
  db.prepare(
    `INSERT INTO usage_import (id, seq, file_name, format, policy, status, mapping_json, operator,
       started_at) VALUES ('seed', 1, 'seed.csv', 'csv', 'keep_valid', 'completed', '{}', 't', ?)`,
  ).run('2026-10-01T00:00:00.000Z')
  const insert = db.prepare(
    `INSERT INTO usage_event (event_id, customer_id, metric, quantity_micros, ts, import_seq)
     VALUES (?, ?, ?, ?, ?, 1)`,
  )
  db.transaction(() => {
    for (let c = 1; c <= CUSTOMERS; c++)
      benchShape.metrics.forEach((metric, m) =>
        insert.run(
          `e-${c}-${m}`,
          c,
          metric,
          (c * 7 + m * 1000) * 1_000_000,
          Date.parse(`2026-10-${String(1 + (c % 28)).padStart(2, '0')}T12:00:00.000Z`),
        ),
      )
  })()
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
}, 120_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const billRun = (ledger: string): { status: number | null; stdout: string } =>
  spawnSync(
    process.execPath,
    [cli, 'billing', 'run', '--period', '2026-10', '--db', ledger, '--json'],
    {
      encoding: 'utf8',
      timeout: 120_000,
    },
  )

/** Every invoice with its lines, as comparable text (ids and times aside). */
const invoicesIn = (ledger: string): string[] => {
  const db = new Database(ledger, { readonly: true })
  try {
    return db
      .prepare<[], { text: string }>(
        `SELECT i.subscription_id || ' ' || i.period || ' ' || i.total_minor || ' ' ||
           group_concat(l.kind || ':' || coalesce(l.feature_code, '') || ':' || l.quantity || ':' ||
             l.amount_minor, ',') AS text
         FROM invoice i JOIN invoice_line l ON l.invoice_id = i.id
         GROUP BY i.id ORDER BY i.subscription_id`,
      )
      .all()
      .map((r) => r.text)
  } finally {
    db.close()
  }
}

describe.skipIf(!built)('a billing run killed midway', () => {
  it('resumes on the next run and converges to the same invoices as an uninterrupted run', async () => {
    const reference = join(dir, 'reference.sqlite')
    copyFileSync(seeded, reference)
    expect(billRun(reference).status).toBe(0)
    const expected = invoicesIn(reference)
    expect(expected).toHaveLength(CUSTOMERS)

    const victim = join(dir, 'victim.sqlite')
    copyFileSync(seeded, victim)
    const child = spawn(process.execPath, [
      cli,
      'billing',
      'run',
      '--period',
      '2026-10',
      '--batch-size',
      '10',
      '--db',
      victim,
    ])
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    )
    // Killed as soon as its first batches are committed.
    await new Promise<void>((resolve) =>
      child.stderr.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Billed')) resolve()
      }),
    )
    child.kill('SIGKILL')
    expect(await exited).toBe('SIGKILL')

    const db = new Database(victim, { readonly: true })
    const written = db.prepare('SELECT COUNT(*) FROM invoice').pluck().get() as number
    const status = db.prepare('SELECT status FROM billing_run').pluck().get()
    db.close()
    // It really was cut off midway: some invoices, not all, and a run still marked running.
    expect(written).toBeGreaterThan(0)
    expect(written).toBeLessThan(CUSTOMERS)
    expect(status).toBe('running')

    const rerun = billRun(victim)
    expect(rerun.status).toBe(0)
    expect(JSON.parse(rerun.stdout)).toMatchObject({ invoices: CUSTOMERS, failed: 0 })
    expect(invoicesIn(victim)).toEqual(expected)
    const after = new Database(victim, { readonly: true })
    expect(
      after.prepare('SELECT status FROM billing_run ORDER BY started_at').pluck().all(),
    ).toEqual(['interrupted', 'completed'])
    after.close()
  }, 180_000)
})
