import { once } from 'node:events'
import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import { z } from 'zod'
import { pricingKinds } from '../../../src-shared/domain/pricing'
import type { ContractError } from '../../../src-shared/ipc/result'
import { parseStructuredText } from '../../documents/structured-text'
import { AppError } from '../../errors'
import { formatPath } from '../../ipc/validation'
import { quoteUnknown } from '../../pricing'
import type { Command } from '../command'

/**
 * One request a line: `{model, definition, quantity | events, currency, rounding?}`. Only the envelope is
 * checked here; the pricing engine checks the rest and its issues are renamed to this shape.
 */
const RequestSchema = z.strictObject({
  model: z.enum(pricingKinds, { error: `must be one of ${pricingKinds.join(', ')}` }),
  definition: z.record(z.string(), z.unknown(), {
    error: "must be an object with the model's fields",
  }),
  quantity: z.unknown().optional(),
  events: z.unknown().optional(),
  currency: z.unknown().optional(),
  rounding: z.unknown().optional(),
})

// The engine speaks of `pricing` ({model, ...definition}); the request has them apart.
const requestPath = (path: string): string => {
  if (path === 'pricing.model') return 'model'
  if (path === 'pricing') return 'definition'
  return path.startsWith('pricing.') ? `definition.${path.slice('pricing.'.length)}` : path
}

const invalidRequest = (fields: Record<string, string>): ContractError => ({
  code: 'validation_failed',
  message: `Invalid request: ${Object.entries(fields)
    .map(([path, message]) => `${path}: ${message}`)
    .join('; ')}`,
  fields,
})

const envelopeError = (error: z.ZodError): ContractError => {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        fields[formatPath([...issue.path, key])] = 'is not a known field'
      continue
    }
    fields[formatPath(issue.path) || '(request)'] ??= issue.message
  }
  return invalidRequest(fields)
}

const engineError = (error: AppError): ContractError => {
  if (!error.fields) return { code: error.code, message: error.message }
  if (error.fields['(document)'] !== undefined)
    return { code: error.code, message: error.message, fields: error.fields }
  const fields = Object.fromEntries(
    Object.entries(error.fields).map(([path, message]) => [requestPath(path), message]),
  )
  return error.code === 'validation_failed'
    ? invalidRequest(fields)
    : { code: error.code, message: error.message, fields }
}

type SourceContext = { source?: string }

/**
 * A request line with every number as its exact source text. JSON.parse hands a reviver each
 * number's source (Node 22, Electron) and is some fifty times faster than the YAML document
 * parser, which matters for inputs of millions of lines. Where the runtime lacks source access,
 * or the line is not plain JSON, the document parser takes over and words the error.
 */
const parseLine = (line: string): unknown => {
  let exact = true
  try {
    const value: unknown = JSON.parse(line, (_key, parsed: unknown, context?: SourceContext) => {
      if (typeof parsed !== 'number') return parsed
      if (context?.source === undefined) exact = false
      return context?.source ?? parsed
    })
    if (exact) return value
  } catch {
    // Not plain JSON: the document parser accepts it or says why.
  }
  return parseStructuredText(line, 'The request').value
}

/** The answer to one request line, as one line of JSON: the quote, or `{error}`. */
export const answerLine = (line: string): string => {
  try {
    const value = parseLine(line)
    const request = RequestSchema.safeParse(value)
    if (!request.success) return JSON.stringify({ error: envelopeError(request.error) })
    const { model, definition, quantity, events, currency, rounding } = request.data
    const input = {
      pricing: { ...definition, model },
      quantity,
      ...(events === undefined ? {} : { events }),
      currency,
      rounding,
    }
    return JSON.stringify(quoteUnknown(input))
  } catch (error) {
    if (error instanceof AppError) return JSON.stringify({ error: engineError(error) })
    // One broken line must not cost the others their answers.
    const message = error instanceof Error ? error.message : String(error)
    return JSON.stringify({ error: { code: 'internal', message } })
  }
}

/** Streams requests to answers line by line, so an input of any size runs in constant memory. */
export const answerQuotes = async (input: Readable, output: Writable): Promise<void> => {
  const lines = createInterface({ input, crlfDelay: Infinity })
  for await (const line of lines) {
    if (line.trim() === '') continue
    if (!output.write(`${answerLine(line)}\n`)) await once(output, 'drain')
  }
}

export const quote: Command = {
  usage: 'meterbook quote < requests.jsonl',
  summary: 'Price JSON Lines requests from stdin, one answer line each (needs no ledger)',
  run: async () => {
    await answerQuotes(process.stdin, process.stdout)
    return 0
  },
}
