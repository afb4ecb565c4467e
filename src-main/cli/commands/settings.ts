import type { SettingsPatch } from '../../../src-shared/domain/settings'
import { invoke } from '../../ipc/dispatcher'
import { UsageError, type Command } from '../command'
import { parseJsonArgument, readTextOrStdin } from '../read-input'
import { withApp } from '../with-app'

export const settingsGet: Command = {
  usage: 'meterbook settings get [--db PATH]',
  summary: "The settings as JSON, in the Settings page's shape",
  run: async ({ args, ledgerPath }) => {
    if (args.length > 0) throw new UsageError(`Unexpected argument "${args[0] ?? ''}".`)
    const settings = await withApp(ledgerPath, (app) => invoke(app.dispatch, 'settings:get', {}))
    // JSON either way: it is the document `settings set` takes back.
    process.stdout.write(`${JSON.stringify(settings, null, 2)}\n`)
    return 0
  },
}

export const settingsSet: Command = {
  usage: 'meterbook settings set FILE.json|- [--db PATH] [--json]',
  summary: 'Change settings from a partial JSON patch (validated and audited as the page is)',
  run: async ({ args, ledgerPath, out }) => {
    const [file, ...rest] = args
    if (!file || rest.length > 0)
      throw new UsageError('settings set needs exactly one FILE.json, or - for stdin.')
    const patch = parseJsonArgument(await readTextOrStdin(file), 'The settings patch')
    // The patch goes as written: settings:update's schema says what is wrong with it, if anything.
    const settings = await withApp(ledgerPath, (app) =>
      invoke(app.dispatch, 'settings:update', patch as SettingsPatch),
    )
    const changed = patch !== null && typeof patch === 'object' ? Object.keys(patch).join(', ') : ''
    out.result(settings, `Settings updated: ${changed}.`)
    return 0
  },
}
