import type { FeatureOverride } from '../../src-shared/domain/catalog'
import { DecimalSchema } from '../catalog/schemas'
import { AppError } from '../errors'
import { PricingSchema } from '../pricing'

export const REQUIRED = ['external_id', 'name', 'email', 'plan', 'start_date'] as const
export const OPTIONAL = [
  'currency',
  'billing_anchor_day',
  'trial_end',
  'tax_region',
  'tax_exempt',
  'billing_address',
  'notes',
  'billing_email',
] as const
/** `override.<feature code>.<field>`: one cell of a customer's custom contract for a feature. */
export const OVERRIDE_FIELDS = [
  'included_units',
  'limit',
  'enabled',
  'unit_amount',
  'pricing',
] as const
type OverrideField = (typeof OVERRIDE_FIELDS)[number]

/** The text of `customers import --help` and the README: every column and what an empty cell does. */
export const columnsHelp = [
  `Columns (a header row names them, in any order; comma or semicolon separated):`,
  `  required: ${REQUIRED.join(', ')}`,
  `  optional: ${OPTIONAL.join(', ')}`,
  `  overrides: override.<feature>.<field> with field ${OVERRIDE_FIELDS.join(', ')}`,
  `    (unit_amount: a flat price per unit; pricing: a pricing definition as JSON)`,
  `An absent column or an empty cell leaves the customer's value as it is; "none" clears an`,
  `override field or the trial end. tax_exempt: true/false, yes/no or 1/0. An unknown column is`,
  `an error naming it, before anything is imported.`,
].join('\n')

export type OverrideColumn = { column: string; code: string; field: OverrideField }
export type Columns = { headers: string[]; overrides: OverrideColumn[] }

const overrideColumn = (column: string): OverrideColumn | null => {
  const match = /^override\.([^.]+)\.([a-z_]+)$/.exec(column)
  const field = OVERRIDE_FIELDS.find((f) => f === match?.[2])
  return match?.[1] && field ? { column, code: match[1], field } : null
}

/** Checks the header row: the required columns present, every other one known. */
export const readColumns = (headers: string[]): Columns => {
  const missing = REQUIRED.filter((c) => !headers.includes(c))
  if (missing.length > 0) {
    throw new AppError(
      'validation_failed',
      `The file lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (expected ${REQUIRED.join(',')}, optionally ${OPTIONAL.join(',')} and override.<feature>.<field>).`,
      Object.fromEntries(missing.map((c) => [c, 'is a required column'])),
    )
  }
  const known = new Set<string>([...REQUIRED, ...OPTIONAL])
  const overrides: OverrideColumn[] = []
  for (const header of headers) {
    if (known.has(header)) continue
    const column = overrideColumn(header)
    if (!column) {
      throw new AppError(
        'validation_failed',
        `Unknown column "${header}". The columns are ${REQUIRED.join(', ')}, optionally ${OPTIONAL.join(', ')}, and override.<feature>.<field> (${OVERRIDE_FIELDS.join(', ')}).`,
        { [header]: 'is not a column of the customers import' },
      )
    }
    overrides.push(column)
  }
  return { headers, overrides }
}

export const flags = new Map([
  ['true', true],
  ['yes', true],
  ['1', true],
  ['false', false],
  ['no', false],
  ['0', false],
])

/** A cell that cannot be read: the column it is in, and why. */
export class CellError extends Error {
  constructor(
    readonly column: string,
    reason: string,
  ) {
    super(reason)
  }
}

type OverridePatch = Map<string, Partial<Record<keyof FeatureOverride, unknown>>>

const overrideValue = (c: OverrideColumn, text: string): unknown => {
  if (text.toLowerCase() === 'none') return undefined
  switch (c.field) {
    case 'included_units':
    case 'limit':
      if (!DecimalSchema.safeParse(text).success)
        throw new CellError(c.column, 'must be a non-negative decimal number')
      return text
    case 'enabled': {
      const flag = flags.get(text.toLowerCase())
      if (flag === undefined) throw new CellError(c.column, 'must be true or false')
      return flag
    }
    case 'unit_amount':
      if (!DecimalSchema.safeParse(text).success)
        throw new CellError(c.column, 'must be a non-negative decimal number')
      return { model: 'flat', unit_amount: text }
    case 'pricing': {
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      } catch {
        throw new CellError(c.column, 'must be a pricing definition written as JSON')
      }
      const pricing = PricingSchema.safeParse(parsed)
      if (!pricing.success) throw new CellError(c.column, 'is not a valid pricing definition')
      return pricing.data
    }
  }
}

const keyOf: Record<OverrideField, keyof FeatureOverride> = {
  included_units: 'includedUnits',
  limit: 'limit',
  enabled: 'enabled',
  unit_amount: 'pricing',
  pricing: 'pricing',
}

/** The override cells of one row that say something: per feature, the keys set or cleared. */
export const overridePatch = (
  row: Record<string, string>,
  columns: readonly OverrideColumn[],
): OverridePatch => {
  const patch: OverridePatch = new Map()
  for (const c of columns) {
    const text = (row[c.column] ?? '').trim()
    if (text === '') continue
    const entry = patch.get(c.code) ?? {}
    const key = keyOf[c.field]
    if (key in entry && entry[key] !== undefined && text.toLowerCase() !== 'none')
      throw new CellError(c.column, `sets ${key} of ${c.code} a second time`)
    entry[key] = overrideValue(c, text)
    patch.set(c.code, entry)
  }
  return patch
}

/** The customer's overrides with the row's patch applied; a feature left with nothing is dropped. */
export const applyOverridePatch = (
  current: readonly FeatureOverride[],
  patch: OverridePatch,
): FeatureOverride[] => {
  const merged = new Map(current.map((o) => [o.code, { ...o }]))
  for (const [code, keys] of patch) {
    const next: Record<string, unknown> = { ...merged.get(code), code }
    for (const [key, value] of Object.entries(keys)) {
      if (value === undefined) delete next[key]
      else next[key] = value
    }
    if (Object.keys(next).length > 1) merged.set(code, next as FeatureOverride)
    else merged.delete(code)
  }
  return [...merged.values()]
}
