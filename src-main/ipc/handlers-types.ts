import type { EntityManager } from 'typeorm'
import type {
  BulkChannel,
  Channel,
  EventName,
  Events,
  MutationChannel,
  Out,
  Parsed,
  QueryChannel,
} from '../../src-shared/ipc/contract'
import type { JsonValue } from '../../src-shared/domain/json'
import type { Session } from '../operators/identity'

/** What a mutation records about itself; who and when are added by the dispatcher. */
export type AuditInput = {
  entityType: string
  entityId: string
  before: JsonValue | null
  after: JsonValue | null
}

/**
 * `operator` is who the audit names: the signed-in operator, or the OS user when sign-in is not
 * required. `session` is the caller's host session: only the session channels change it.
 */
export type QueryCtx = { db: EntityManager; operator: string; now: () => Date; session: Session }

/**
 * A mutation's `db` is its transaction; `audit` writes the audit entry inside that transaction.
 * The dispatcher refuses to commit a mutation that recorded none.
 */
export type MutationCtx = QueryCtx & { audit: (entry: AuditInput) => Promise<void> }

/**
 * A bulk handler writes through its own batched transactions (the ledger's prepared statements)
 * and audits the operation as a whole; it may report progress as events.
 */
export type BulkCtx = QueryCtx & {
  emit: <E extends EventName>(event: E, payload: Events[E]) => void
}

export type Ctx<C extends Channel> = C extends MutationChannel
  ? MutationCtx
  : C extends BulkChannel
    ? BulkCtx
    : QueryCtx

export type Handler<C extends Channel> = (input: Parsed<C>, ctx: Ctx<C>) => Promise<Out<C>>

/** Every channel's handler: leaving one out is a compile error. */
export type Handlers = { [C in Channel]: Handler<C> }

/** The handlers of one area, e.g. `HandlersFor<'settings'>` for every `settings:*` channel. */
export type HandlersFor<Area extends string> = {
  [C in Extract<Channel, `${Area}:${string}`>]: Handler<C>
}

export type { QueryChannel }
