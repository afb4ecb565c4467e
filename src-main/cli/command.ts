import type { ParseArgsOptionsConfig } from 'node:util'

export type Output = {
  json: boolean
  /** Machine-readable result: JSON on stdout with --json, else the human text. */
  result: (value: unknown, human: string) => void
  line: (text: string) => void
}

export type CommandContext = {
  args: string[]
  options: Record<string, string | boolean | undefined>
  ledgerPath: string
  out: Output
}

export type Command = {
  usage: string
  summary: string
  options?: ParseArgsOptionsConfig
  /** Resolves with the exit code once the command is done (a server resolves when it stops). */
  run: (ctx: CommandContext) => Promise<number>
}

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}
