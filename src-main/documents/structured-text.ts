import { isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml'
import type { z } from 'zod'
import { AppError } from '../errors'
import { formatPath } from '../ipc/validation'

export type StructuredText = {
  /** The parsed value; every number keeps its exact source text as a string ("0.10", "1e3"). */
  value: unknown
  /** The 1-based line of the value at `path`, where the document has it. */
  lineOf: (path: readonly PropertyKey[]) => number | undefined
}

/**
 * Parses YAML or JSON (JSON is a subset of YAML 1.2) without ever turning a number into a float:
 * numbers arrive as their source text, so "0.30000000000000000001" stays exact, and every value
 * can be traced back to its line for error messages.
 */
export const parseStructuredText = (text: string, what = 'The document'): StructuredText => {
  const lines = new LineCounter()
  const doc: Document = parseDocument(text, { lineCounter: lines, keepSourceTokens: true })
  const syntax = doc.errors[0]
  if (syntax) {
    const line = syntax.linePos?.[0]?.line
    throw new AppError(
      'validation_failed',
      `${what} is not valid YAML or JSON${line ? ` (line ${line})` : ''}: ${syntax.message.split('\n')[0] ?? ''}`,
      { '(document)': line ? `line ${line}: ${syntax.code}` : syntax.code },
    )
  }
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'number' || typeof node.value === 'bigint') {
        node.value = node.source ?? String(node.value)
      }
    },
  })
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: 100 })
  } catch (error) {
    // yaml refuses aliases that would expand past the limit (a "billion laughs" document): the
    // document is at fault, so it is a validation error rather than an internal one.
    if (!(error instanceof ReferenceError)) throw error
    throw new AppError(
      'validation_failed',
      `${what} uses too many aliases (*name): ${error.message}`,
      { '(document)': 'too many aliases' },
    )
  }
  return {
    value,
    lineOf: (path) => {
      const node = doc.getIn(path as unknown[], true)
      const start =
        isScalar(node) || (node && typeof node === 'object' && 'range' in node)
          ? (node as { range?: [number, number, number] }).range?.[0]
          : undefined
      return start === undefined ? undefined : lines.linePos(start).line
    },
  }
}

/**
 * A zod failure on a document as a validation error that names each field's path and line:
 * `plans[2].features[0].pricing.tiers[1].up_to (line 14): must be greater than 100`.
 */
export const documentError = (
  what: string,
  error: z.ZodError,
  doc: Pick<StructuredText, 'lineOf'>,
): AppError => {
  const fields: Record<string, string> = {}
  const lines: string[] = []
  for (const issue of error.issues) {
    const path = formatPath(issue.path) || '(document)'
    if (fields[path]) continue
    // An issue on a missing key points at its parent, which is where the reader must look.
    const line = doc.lineOf(issue.path) ?? doc.lineOf(issue.path.slice(0, -1))
    const where = line ? `line ${line}: ` : ''
    fields[path] = `${where}${issue.message}`
    lines.push(`${path}${line ? ` (line ${line})` : ''}: ${issue.message}`)
  }
  return new AppError('validation_failed', `${what} has errors:\n${lines.join('\n')}`, fields)
}
