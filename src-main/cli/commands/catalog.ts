import { readFile, writeFile } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import type { CatalogImportResult } from '../../../src-shared/domain/catalog'
import { AppError } from '../../errors'
import { invoke } from '../../ipc/dispatcher'
import { UsageError, type Command } from '../command'
import { withApp } from '../with-app'

/** A file the user named, or a clear failure saying why it could not be read. */
export const readText = async (file: string): Promise<string> => {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error)
    throw new AppError('not_found', `Cannot read ${file}: ${reason}.`)
  }
}

const describeImport = (result: CatalogImportResult): string =>
  [
    ...result.plans.map((p) => {
      switch (p.outcome) {
        case 'created':
          return `${p.id}: created, version ${p.version} published`
        case 'new_version':
          return `${p.id}: version ${p.version} published`
        case 'unchanged':
          return `${p.id}: unchanged (version ${p.version})`
      }
    }),
    ...result.warnings.map((w) => `warning: ${w}`),
  ].join('\n')

export const catalogImport: Command = {
  usage: 'meterbook catalog import FILE [--db PATH] [--json]',
  summary: 'Import plans from a YAML or JSON catalog document (atomic)',
  run: async ({ args, ledgerPath, out }) => {
    const [file, ...rest] = args
    if (!file || rest.length > 0) throw new UsageError('catalog import needs exactly one FILE.')
    const text = await readText(file)
    const result = await withApp(ledgerPath, (app) =>
      invoke(app.dispatch, 'catalog:import', { text, fileName: basename(file) }),
    )
    out.result(result, describeImport(result))
    return 0
  },
}

const formatOf = (
  format: string | boolean | undefined,
  file: string | undefined,
): 'yaml' | 'json' => {
  if (format === 'yaml' || format === 'json') return format
  if (format !== undefined)
    throw new UsageError(`--format must be yaml or json, not "${String(format)}".`)
  return file && extname(file).toLowerCase() === '.json' ? 'json' : 'yaml'
}

export const catalogExport: Command = {
  usage: 'meterbook catalog export [--out FILE] [--format yaml|json] [--db PATH]',
  summary: "Write the catalog (every plan's current version) as YAML or JSON",
  options: { out: { type: 'string' }, format: { type: 'string' } },
  run: async ({ args, options, ledgerPath, out }) => {
    if (args.length > 0) throw new UsageError(`Unexpected argument "${args[0] ?? ''}".`)
    const file = typeof options['out'] === 'string' ? options['out'] : undefined
    const format = formatOf(options['format'], file)
    const { text } = await withApp(ledgerPath, (app) =>
      invoke(app.dispatch, 'catalog:export', { format }),
    )
    if (file) {
      await writeFile(file, text)
      out.result({ file, format }, `Catalog written to ${file}`)
    } else process.stdout.write(text)
    return 0
  },
}
