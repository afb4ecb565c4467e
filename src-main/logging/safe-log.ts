/**
 * What main writes to its log is bounded and scrubbed: an error's message often quotes the
 * input that caused it (a 5 MB reason, a whole usage file's line, a request body), and an input
 * may hold a Stripe key, a token or a password. Every logger in main goes through here.
 */

/** The longest piece (a message, a stack frame, a parameter) a log line keeps. */
export const LOG_PIECE_CHARS = 200
/** Stack frames kept per error: where it happened, not the whole call chain. */
const STACK_FRAMES = 8

const secrets: readonly [RegExp, string][] = [
  // Stripe secret and restricted keys, and webhook secrets.
  [/\b((?:sk|rk)_(?:live|test)_|whsec_)[0-9A-Za-z]+/g, '$1[redacted]'],
  [/\b(bearer|basic)\s+[^\s"',;]+/gi, '$1 [redacted]'],
  // token=..., "password": "...", api_key: ..., x-meterbook-token: ...
  [
    /((?:token|password|passwd|secret|api[_-]?key)["']?\s*[=:]\s*["']?)[^\s"'&,;}]+/gi,
    '$1[redacted]',
  ],
]

/** The text with anything that looks like a key, token or password replaced by [redacted]. */
export const redact = (text: string): string =>
  secrets.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text)

/** Redacted, then cut to `max` characters with a note of how much was left out. */
export const logPiece = (text: string, max = LOG_PIECE_CHARS): string => {
  // Cut first (redaction must not scan megabytes), with room so a key at the cut is still seen whole.
  const clean = redact(text.length > max * 4 ? text.slice(0, max * 4) : text)
  return text.length <= max && clean.length <= max
    ? clean
    : `${clean.slice(0, max)}… (${text.length} chars)`
}

/** An error (or any thrown value) as a bounded, redacted text: its message and first frames. */
export const describeError = (error: unknown): string => {
  if (!(error instanceof Error)) return logPiece(String(error))
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, STACK_FRAMES)
    .map((line) => `  ${logPiece(line.trim())}`)
  const cause = error.cause === undefined ? [] : [`  cause: ${describeError(error.cause)}`]
  return [`${error.name}: ${logPiece(error.message)}`, ...frames, ...cause].join('\n')
}

/** The line main writes for a failure: the context, then the error, bounded and redacted. */
export const logLine = (message: string, error?: unknown): string =>
  error === undefined ? logPiece(message) : `${logPiece(message)}\n${describeError(error)}`

/** The default logger of main: stderr, through logLine. */
export const logError = (message: string, error?: unknown): void => {
  console.error(logLine(message, error))
}
