/** The parts of a JSON Schema (as zod emits them) that a channel's input shape is drawn from. */
export type JsonSchema = {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  enum?: unknown[]
  const?: unknown
  oneOf?: JsonSchema[]
  anyOf?: JsonSchema[]
  additionalProperties?: boolean | JsonSchema
}

const literal = (value: unknown): string => JSON.stringify(value)

/**
 * A channel's input as one line a person can read at a terminal, in TypeScript's notation:
 * `{ id: integer, reason: string, note?: string }`. The full JSON Schema is what `--json` gives.
 */
export const shapeOf = (schema: JsonSchema): string => {
  if (schema.const !== undefined) return literal(schema.const)
  if (schema.enum) return schema.enum.map(literal).join(' | ')
  const union = schema.oneOf ?? schema.anyOf
  if (union) return union.map(shapeOf).join(' | ')
  if (schema.type === 'array') {
    const item = schema.items ? shapeOf(schema.items) : 'unknown'
    return item.includes(' ') && !item.startsWith('{') ? `(${item})[]` : `${item}[]`
  }
  if (schema.type === 'object' || schema.properties) {
    const required = new Set(schema.required ?? [])
    const fields = Object.entries(schema.properties ?? {}).map(
      ([name, field]) => `${name}${required.has(name) ? '' : '?'}: ${shapeOf(field)}`,
    )
    if (typeof schema.additionalProperties === 'object')
      fields.push(`[key: string]: ${shapeOf(schema.additionalProperties)}`)
    return fields.length === 0 ? '{}' : `{ ${fields.join(', ')} }`
  }
  if (Array.isArray(schema.type)) return schema.type.join(' | ')
  return schema.type ?? 'unknown'
}
