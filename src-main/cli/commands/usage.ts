import { closeSync, createReadStream, openSync, writeSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import type { ImportProgress, UsageFormat, UsageImport } from '../../../src-shared/domain/usage'
import {
  usageFields,
  type ColumnMapping,
  type UsageField,
} from '../../../src-shared/domain/usage-fields'
import type { UsageAlert } from '../../../src-shared/domain/alerts'
import { evaluateAlerts } from '../../alerts/evaluate'
import { AppError } from '../../errors'
import { getImport, writeRejectsCsv } from '../../usage/import-store'
import { ImportSession } from '../../usage/import-session'
import { mappingFor } from '../../usage/mappings'
import { sampleColumns } from '../../usage/preview'
import { UsageError, type Command } from '../command'
import { withConnection } from '../with-connection'

/** About a megabyte per read: large enough to be quick, small enough to stay lean. */
const CHUNK_BYTES = 1024 * 1024

const formatOf = (option: string | boolean | undefined, file: string): UsageFormat => {
  if (option === 'csv' || option === 'jsonl') return option
  if (option !== undefined)
    throw new UsageError(`--format must be csv or jsonl, not "${String(option)}".`)
  return ['.jsonl', '.ndjson'].includes(extname(file).toLowerCase()) ? 'jsonl' : 'csv'
}

const isField = (name: string): name is UsageField =>
  (usageFields as readonly string[]).includes(name)

/** `event_id=id,customer_id=acct`: the fields given; the others keep their detected column. */
export const parseMappingOption = (text: string): Partial<ColumnMapping> => {
  const mapping: Partial<ColumnMapping> = {}
  for (const pair of text.split(',')) {
    const [field = '', column = ''] = pair.split('=').map((part) => part.trim())
    if (!isField(field) || column === '')
      throw new UsageError(
        `--mapping takes field=column pairs separated by commas (fields: ${usageFields.join(', ')}); "${pair}" is not one.`,
      )
    mapping[field] = column
  }
  return mapping
}

const defaultMapping = Object.fromEntries(usageFields.map((f) => [f, f])) as ColumnMapping

const fileSize = async (file: string): Promise<number> => {
  try {
    return (await stat(file)).size
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error)
    throw new AppError('not_found', `Cannot read ${file}: ${reason}.`)
  }
}

const count = (n: number): string => n.toLocaleString('en')

/** One line on stderr, rewritten in place; only on a terminal, so logs and pipes stay clean. */
const progressLine = (p: ImportProgress): string =>
  `\r${count(p.read)} rows read, ${count(p.rowsPerSecond)} rows/s${
    p.secondsLeft === null ? '' : `, about ${Math.ceil(p.secondsLeft)} s left`
  }   `

const describe = (
  file: string,
  r: UsageImport,
  rejectsFile: string | null,
  alerts: readonly UsageAlert[],
): string =>
  [
    `${file}: ${r.status} (import ${r.id})`,
    `  ${count(r.read)} rows read: ${count(r.imported)} imported, ${count(r.duplicates)} duplicates, ${count(r.rejected)} rejected, ${count(r.late)} late`,
    ...(rejectsFile
      ? [`  Rejected rows written to ${rejectsFile}`]
      : r.rejected > 0
        ? ['  Write the rejected rows to a file with --rejects-out FILE.']
        : []),
    ...(alerts.length > 0 ? [`  ${alerts.length} usage alert(s) fired:`] : []),
    ...alerts.map(
      (a) =>
        `    ${a.customerId} ${a.metric} ${a.periodKey}: ${a.threshold}% (${a.used} of ${a.limit})`,
    ),
  ].join('\n')

export const usageImport: Command = {
  usage:
    'meterbook usage import FILE [--format csv|jsonl] [--all-or-nothing] [--rejects-out FILE] [--mapping event_id=id,customer_id=acct,...] [--db PATH] [--json]',
  summary: 'Import usage events from CSV or JSON Lines (streamed; idempotent by event id)',
  options: {
    format: { type: 'string' },
    'all-or-nothing': { type: 'boolean' },
    'rejects-out': { type: 'string' },
    mapping: { type: 'string' },
  },
  run: async ({ args, options, ledgerPath, out }) => {
    const [file, ...rest] = args
    if (!file || rest.length > 0) throw new UsageError('usage import needs exactly one FILE.')
    const format = formatOf(options['format'], file)
    const given =
      typeof options['mapping'] === 'string' ? parseMappingOption(options['mapping']) : {}
    const rejectsOut = typeof options['rejects-out'] === 'string' ? options['rejects-out'] : null
    const totalBytes = await fileSize(file)

    const outcome = await withConnection(
      ledgerPath,
      'usage:import-begin',
      async ({ db, operator }) => {
        const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: CHUNK_BYTES })
        // With an encoding set, the stream yields strings (a character cut between reads is kept).
        const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<string>
        let next = await chunks.next()
        const detected = mappingFor(db, sampleColumns(format, next.done ? '' : next.value))
        const session = await ImportSession.begin(
          { db, operator, now: () => new Date(), onImported: evaluateAlerts },
          {
            fileName: basename(file),
            format,
            mapping: { ...(detected ?? defaultMapping), ...given },
            policy: options['all-or-nothing'] === true ? 'all_or_nothing' : 'keep_valid',
            totalBytes,
          },
        )
        // Ctrl-C stops after the chunk in hand and cancels cleanly; a second one kills.
        let stopped = false
        const onInterrupt = (): void => {
          stopped = true
        }
        process.once('SIGINT', onInterrupt)
        const tty = process.stderr.isTTY
        let shown = 0
        try {
          while (!next.done && !stopped && session.status === 'running') {
            const progress = await session.feed(next.value)
            if (tty && performance.now() - shown > 200) {
              process.stderr.write(progressLine(progress))
              shown = performance.now()
            }
            next = await chunks.next()
          }
        } catch (error) {
          // The file could not be read to its end: what was committed stays, the rest is dropped.
          if (session.status === 'running') await session.cancel()
          throw new AppError('not_found', `Cannot read ${file} to its end: ${String(error)}.`)
        } finally {
          process.off('SIGINT', onInterrupt)
          stream.destroy()
          if (shown > 0) process.stderr.write('\n')
        }
        if (session.status === 'running') {
          if (stopped) await session.cancel()
          else await session.finish()
        }
        if (rejectsOut) writeRejectsFile(db, session.id, rejectsOut)
        return {
          result: getImport(db, session.id),
          failure: session.failure,
          stopped,
          alerts: session.takeFired(),
        }
      },
    )

    const { result, failure, stopped, alerts } = outcome
    out.result(
      {
        read: result.read,
        imported: result.imported,
        duplicates: result.duplicates,
        rejected: result.rejected,
        late: result.late,
        import_id: result.id,
        status: result.status,
        ...(rejectsOut ? { rejects_file: rejectsOut } : {}),
        alerts,
      },
      describe(file, result, rejectsOut, alerts),
    )
    if (failure) process.stderr.write(`meterbook: ${failure}\n`)
    if (stopped) return 130
    // Rejected rows are reported, not failures; a refused file, or nothing read at all, is.
    if (result.status === 'refused') return 1
    if (result.read === 0) {
      process.stderr.write(`meterbook: no rows were read from ${file}.\n`)
      return 1
    }
    // Some rows rejected: partly done (3), so a script can tell it from done; the JSON says which.
    return result.rejected > 0 ? 3 : 0
  },
}

/** The rejected rows as CSV, written page by page rather than built in memory. */
const writeRejectsFile = (
  db: Parameters<typeof writeRejectsCsv>[0],
  importId: string,
  path: string,
): void => {
  const fd = openSync(path, 'w')
  try {
    writeRejectsCsv(db, importId, (text) => writeSync(fd, text))
  } finally {
    closeSync(fd)
  }
}
