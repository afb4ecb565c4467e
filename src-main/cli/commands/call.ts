import { z } from 'zod'
import { inputSchemas, isBulk, isMutation, type Channel } from '../../../src-shared/ipc/contract'
import type { Result } from '../../../src-shared/ipc/result'
import { UsageError, type Command } from '../command'
import { parseJsonArgument, readTextOrStdin } from '../read-input'
import { shapeOf, type JsonSchema } from '../schema-shape'
import { withApp } from '../with-app'

type Kind = 'query' | 'mutation' | 'bulk'

const kindOf = (channel: Channel): Kind =>
  isMutation(channel) ? 'mutation' : isBulk(channel) ? 'bulk' : 'query'

/** Every channel with its input as JSON Schema, drawn from the very zod schema that validates it. */
export const channelList = (): { channel: Channel; kind: Kind; input: JsonSchema }[] =>
  (Object.keys(inputSchemas) as Channel[]).map((channel) => {
    const input = z.toJSONSchema(inputSchemas[channel], {
      io: 'input',
      unrepresentable: 'any',
    }) as JsonSchema & { $schema?: string }
    // The dialect is the same for every channel: said once in the README, not 95 times here.
    delete input.$schema
    return { channel, kind: kindOf(channel), input }
  })

/** A caller's mistake (no such channel, input the schema refuses) exits 2, as other usage errors. */
const exitCodeOf = (result: Result<unknown>): number => {
  if (result.ok) return 0
  return ['unknown_channel', 'validation_failed'].includes(result.error.code) ? 2 : 1
}

export const call: Command = {
  usage: "meterbook call CHANNEL ['JSON' | -] [--db PATH] | meterbook call --list [--json]",
  summary: 'Any contract channel through the dispatcher (validated, audited); --list names them',
  options: { list: { type: 'boolean' } },
  run: async ({ args, options, ledgerPath, out }) => {
    if (options['list'] === true) {
      if (args.length > 0) throw new UsageError('call --list takes no channel.')
      const channels = channelList()
      const width = Math.max(...channels.map((c) => c.channel.length)) + 2
      out.result(
        channels,
        channels
          .map((c) => `${c.channel.padEnd(width)}${c.kind.padEnd(10)}${shapeOf(c.input)}`)
          .join('\n'),
      )
      return 0
    }
    const [channel, source, ...rest] = args
    if (!channel) throw new UsageError('call needs a CHANNEL (see meterbook call --list).')
    if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0] ?? ''}".`)
    // The input as given: `-` reads it from stdin (for inputs too large or awkward to quote).
    const text = source === undefined ? '{}' : source === '-' ? await readTextOrStdin('-') : source
    const input = parseJsonArgument(text, 'The input')
    const result = await withApp(ledgerPath, (app) => app.dispatch(channel, input))
    // The envelope itself, success or error, so a script reads one shape whatever happened.
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
    return exitCodeOf(result)
  },
}
