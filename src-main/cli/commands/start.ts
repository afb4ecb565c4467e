import type { Command } from '../command'
import { desktop, electronRuntime } from './desktop'
import { serve } from './serve'

/**
 * `npm start`: the product wherever it can run. The desktop app where the Electron runtime is
 * installed; otherwise the browser host on a free local port, opened in the system browser when
 * there is one (not when METERBOOK_NO_BROWSER is set), its address printed either way.
 */
export const start: Command = {
  usage: 'meterbook start [--db PATH]',
  summary: 'Open Meterbook: the desktop app, or the browser host where Electron is not installed',
  run: async (ctx) => {
    if (electronRuntime()) {
      ctx.out.line('Starting the desktop app (the Electron runtime is installed).')
      return desktop.run(ctx)
    }
    ctx.out.line(
      'The Electron runtime is not installed on this machine, so Meterbook runs in your browser: open the address below (Ctrl+C stops it).',
    )
    const open = !process.env['METERBOOK_NO_BROWSER']
    return serve.run({ ...ctx, options: { ...ctx.options, port: '0', open } })
  },
}
