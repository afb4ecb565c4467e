import type { ColumnMapping } from '../../src-shared/domain/usage'
import type { CustomerDirectory } from './customer-directory'
import { parseInstant, parseQuantity } from './field-parsers'
import type { Problem, SourceRow } from './row-source'

/** A row that passed every check: ready to store. */
export type ValidRow = {
  eventId: string
  customerId: number
  metric: string
  micros: number | bigint
  /** Milliseconds since 1970 UTC. */
  ts: number
  late: 0 | 1
  properties: string | null
}

export const emptyValidRow = (): ValidRow => ({
  eventId: '',
  customerId: 0,
  metric: '',
  micros: 0,
  ts: 0,
  late: 0,
  properties: null,
})

/**
 * The checks one row must pass on its own, in column order. Checks against what is already
 * stored (an event id imported before with different content) happen when the row is written.
 */
export class RowValidator {
  readonly #mapping: ColumnMapping
  readonly #directory: CustomerDirectory

  constructor(mapping: ColumnMapping, directory: CustomerDirectory) {
    this.#mapping = mapping
    this.#directory = directory
  }

  /** The first problem of the row, or null with `out` filled in (reused: copy what you keep). */
  check(row: SourceRow, out: ValidRow): Problem | null {
    return this.#run(row, out, null)
  }

  /** Every problem of the row: what a preview marks, cell by cell. */
  problems(row: SourceRow): Problem[] {
    const found: Problem[] = []
    this.#run(row, emptyValidRow(), found)
    return found
  }

  /** Stops at the first problem unless `all` collects them (no closures: it runs per row). */
  #run(row: SourceRow, out: ValidRow, all: Problem[] | null): Problem | null {
    const m = this.#mapping
    let problem: Problem | null = null

    const eventId = row.eventId
    if (!eventId) problem = found(all, m.event_id, eventId, 'missing event id')
    else out.eventId = eventId
    if (problem && !all) return problem

    const customer = row.customer ? this.#directory(row.customer) : undefined
    if (!row.customer) problem = found(all, m.customer_id, row.customer, 'missing customer')
    else if (!customer) problem = found(all, m.customer_id, row.customer, 'unknown customer')
    else out.customerId = customer.id
    if (problem && !all) return problem

    const metric = row.metric
    const known = metric ? customer?.metrics.get(metric) : undefined
    if (!metric) problem = found(all, m.metric, metric, 'missing metric')
    else if (customer && known === undefined) {
      const reason = customer.plan
        ? `unknown metric: not a usage, quota or rate feature of the customer's plan (${customer.plan})`
        : 'unknown metric: the customer has no subscription'
      problem = found(all, m.metric, metric, reason)
    } else out.metric = known ?? metric
    if (problem && !all) return problem

    const quantity = row.quantity
    if (!quantity) problem = found(all, m.quantity, quantity, 'missing quantity')
    else {
      const parsed = parseQuantity(quantity)
      if (typeof parsed === 'object')
        problem = found(all, m.quantity, quantity, `quantity ${parsed.error}`)
      else out.micros = parsed
    }
    if (problem && !all) return problem

    const timestamp = row.timestamp
    if (!timestamp) problem = found(all, m.timestamp, timestamp, 'missing timestamp')
    else {
      const parsed = parseInstant(timestamp)
      if (typeof parsed === 'object') {
        problem = found(all, m.timestamp, timestamp, `timestamp ${parsed.error}`)
      } else {
        out.ts = parsed
        const billedThrough = customer?.billedThrough
        out.late = billedThrough != null && parsed < billedThrough ? 1 : 0
      }
    }
    out.properties = row.properties
    return problem
  }
}

/** A problem, also collected into `all` when every problem is wanted. */
const found = (
  all: Problem[] | null,
  column: string,
  value: string | undefined,
  reason: string,
): Problem => {
  const problem = { column, value: value ?? '', reason }
  all?.push(problem)
  return problem
}
