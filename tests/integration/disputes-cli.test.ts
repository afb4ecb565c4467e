import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import type { DisputeDetail, DisputePage } from '../../src-shared/domain/disputes'
import { invoicesTestApp, seedDraft } from './invoices-support'

// The disputes commands as a finance person runs them: the built bundle (`npm run build`).
const cli =
  process.env['METERBOOK_CLI'] ?? fileURLToPath(new URL('../../out/main/cli.js', import.meta.url))
const built =
  existsSync(cli) &&
  spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' }).stdout.includes(
    'disputes open',
  )

const CLI_TEST_MS = 120_000
const folder = mkdtempSync(join(tmpdir(), 'mb-disputes-cli-'))
const db = join(folder, 'ledger.sqlite')
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const run = (args: string[]) => {
  const result = spawnSync(process.execPath, [cli, ...args, '--db', db], {
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

let invoiceNumber = ''

describe.skipIf(!built)('meterbook disputes', () => {
  beforeAll(async () => {
    // Acme's October invoice: 100.00 + 19% VAT.
    const app = await invoicesTestApp({ ledgerPath: db })
    const id = seedDraft(app.db)
    invoiceNumber = (await invoke(app.dispatch, 'invoices:finalize', { id })).number ?? ''
    await app.close()
  }, CLI_TEST_MS)

  it(
    'flags 40.00 of an invoice, reviews and accepts it with a credit note, and lists it',
    () => {
      const opened = run([
        'disputes',
        'open',
        '--invoice',
        invoiceNumber,
        '--reason',
        'Billed for a seat never used',
        '--amount',
        '4000',
        '--contact',
        'jane@acme.example',
        '--deadline',
        '2026-11-30',
        '--json',
      ])
      expect(opened.stderr).toBe('')
      expect(opened.code).toBe(0)
      const dispute = JSON.parse(opened.stdout) as DisputeDetail
      expect(dispute).toMatchObject({ status: 'open', amountMinor: 4_000, deadline: '2026-11-30' })
      const id = String(dispute.id)

      // Resolving before review is refused, with the reason, exit 1.
      const early = run(['disputes', 'resolve', id, '--accept'])
      expect(early.code).toBe(1)
      expect(early.stderr).toContain('still open: take it under review')

      expect(run(['disputes', 'review', id, '--note', 'Checking seats']).code).toBe(0)
      const accepted = run(['disputes', 'resolve', id, '--accept', '--note', 'Seat unused'])
      expect(accepted.code).toBe(0)
      expect(accepted.stdout).toContain('resolved accepted')
      expect(accepted.stdout).toContain('credit note CN-2026-000001')

      const list = JSON.parse(
        run(['disputes', 'list', '--status', 'resolved', '--json']).stdout,
      ) as DisputePage
      expect(list.disputes.map((d) => [d.id, d.resolution, d.creditNoteNumber])).toEqual([
        [dispute.id, 'accepted', 'CN-2026-000001'],
      ])
      expect(run(['disputes', 'list', '--status', 'open']).stdout).toBe('No disputes match.\n')
    },
    CLI_TEST_MS,
  )

  it(
    'refuses a rejection without a note, and bad arguments as usage errors',
    () => {
      const opened = JSON.parse(
        run(['disputes', 'open', '--invoice', invoiceNumber, '--reason', 'Too expensive', '--json'])
          .stdout,
      ) as DisputeDetail
      const id = String(opened.id)
      expect(run(['disputes', 'review', id, '--note', 'Reading the contract']).code).toBe(0)
      const bare = run(['disputes', 'resolve', id, '--reject'])
      expect(bare.code).toBe(1)
      expect(bare.stderr).toContain('note')
      expect(run(['disputes', 'resolve', id, '--accept', '--reject']).code).toBe(2)
      expect(run(['disputes', 'open', '--reason', 'x']).code).toBe(2)
      const rejected = run(['disputes', 'resolve', id, '--reject', '--note', 'Priced as signed'])
      expect(rejected.code).toBe(0)
      expect(rejected.stdout).toContain('resolved rejected')
    },
    CLI_TEST_MS,
  )
})
