import { copyLedger, type CopyProgress, type TableCheck } from '../../ledger-copy/copy-ledger'
import { UsageError, type Command } from '../command'

const count = (n: number): string => n.toLocaleString('en')

/** The verification, one line a table: rows on each side and the first 12 hex of each checksum. */
const checksTable = (tables: TableCheck[]): string[] => [
  `${'table'.padEnd(22)}${'source rows'.padStart(12)}${'target rows'.padStart(12)}  ${'source sha256'.padEnd(14)}${'target sha256'.padEnd(14)}`,
  ...tables.map(
    (t) =>
      `${t.table.padEnd(22)}${count(t.sourceRows).padStart(12)}${count(t.targetRows).padStart(12)}  ${t.sourceSha256.slice(0, 12).padEnd(14)}${t.targetSha256.slice(0, 12).padEnd(14)}${t.matches ? 'ok' : 'DIFFERS'}`,
  ),
]

// Progress on stderr, so stdout stays the result (and valid JSON with --json): every table's
// start and end, and every 100,000 rows in between.
const progressOf = (p: CopyProgress): void => {
  if (p.total === 0 && p.copied === 0) return
  const edge = p.copied === 0 || p.copied === p.total
  if (edge || p.copied % 100_000 < 5_000) {
    process.stderr.write(`${p.table}: ${count(p.copied)} of ${count(p.total)} rows\n`)
  }
}

export const ledgerCopy: Command = {
  usage: 'meterbook ledger copy --from FILE|postgres://… --to FILE|postgres://… [--json]',
  summary:
    'Copy a whole ledger into an empty one (file to PostgreSQL or back), verified table by table',
  options: { from: { type: 'string' }, to: { type: 'string' } },
  run: async ({ options, out }) => {
    const { from, to } = options
    if (typeof from !== 'string' || typeof to !== 'string') {
      throw new UsageError(
        'ledger copy needs --from and --to (a ledger file or a postgres:// URL).',
      )
    }
    const report = await copyLedger({ from, to, onProgress: progressOf })
    out.result(
      report,
      [
        `Copied ${count(report.rows)} rows from ${report.from} to ${report.to}; every table verified:`,
        ...checksTable(report.tables),
      ].join('\n'),
    )
    return 0
  },
}
