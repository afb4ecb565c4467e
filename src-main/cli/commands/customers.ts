import { basename } from 'node:path'
import type { CustomerImportResult } from '../../../src-shared/domain/customers'
import { columnsHelp } from '../../customers/import-columns'
import { invoke } from '../../ipc/dispatcher'
import { UsageError, type Command } from '../command'
import { withApp } from '../with-app'
import { readText } from './catalog'

const describe = (r: CustomerImportResult): string =>
  [
    `Read ${r.read}: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected} rejected`,
    ...r.rejects.map(
      (x) =>
        `  row ${x.rowNumber}${x.column ? `, ${x.column} "${x.value ?? ''}"` : ''}: ${x.reason}`,
    ),
  ].join('\n')

export const customersImport: Command = {
  usage: `meterbook customers import FILE.csv [--db PATH] [--json]\n\n${columnsHelp}\n`,
  summary: 'Create or update customers and their subscriptions from CSV',
  run: async ({ args, ledgerPath, out }) => {
    const [file, ...rest] = args
    if (!file || rest.length > 0) throw new UsageError('customers import needs exactly one FILE.')
    const text = await readText(file)
    const result = await withApp(ledgerPath, (app) =>
      invoke(app.dispatch, 'customers:import', { text, fileName: basename(file) }),
    )
    out.result(result, describe(result))
    // Nothing readable at all is a failure (1); some rows rejected is partly done (3).
    if (result.read === 0) return 1
    return result.rejected > 0 ? 3 : 0
  },
}
