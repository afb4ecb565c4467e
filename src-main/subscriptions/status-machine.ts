import type Database from 'better-sqlite3'
import type { SubscriptionTransition } from '../../src-shared/domain/billing'
import type { SubscriptionStatus } from '../../src-shared/domain/customers'
import { AppError } from '../errors'

/**
 * Every move a subscription's status may make, in one place. The path is trialing → active →
 * past_due → suspended; a payment brings past_due or suspended back to active; any live status
 * may be canceled, and canceled is final.
 */
export const allowedTransitions: Record<SubscriptionStatus, readonly SubscriptionStatus[]> = {
  trialing: ['active', 'canceled'],
  active: ['past_due', 'canceled'],
  past_due: ['suspended', 'active', 'canceled'],
  suspended: ['active', 'canceled'],
  canceled: [],
}

const label = (status: SubscriptionStatus): string => status.replace('_', ' ')

export const assertTransition = (from: SubscriptionStatus, to: SubscriptionStatus): void => {
  if (allowedTransitions[from].includes(to)) return
  const why =
    from === to
      ? `it is already ${label(from)}`
      : from === 'canceled'
        ? 'a canceled subscription stays canceled'
        : `it cannot go from ${label(from)} to ${label(to)}`
  throw new AppError('conflict', `The subscription cannot become ${label(to)}: ${why}.`)
}

/** What the lifecycle reads about a subscription (the columns TypeORM's entity does not map). */
export type SubscriptionState = {
  id: number
  customerId: number
  externalId: string
  currency: string
  planId: string
  planVersion: number
  startDate: string
  anchorDay: number
  trialEnd: string | null
  status: SubscriptionStatus
  statusSince: string | null
  cancelAt: string | null
  canceledAt: string | null
  billedThrough: string | null
  customerCreatedAt: string
}

export const stateSelect = `
  SELECT s.id, s.customer_id AS customerId, c.external_id AS externalId, c.currency,
    s.plan_id AS planId, s.plan_version AS planVersion, s.start_date AS startDate,
    s.billing_anchor_day AS anchorDay, s.trial_end AS trialEnd, s.status,
    s.status_since AS statusSince, s.cancel_at AS cancelAt, s.canceled_at AS canceledAt,
    s.billed_through AS billedThrough, c.created_at AS customerCreatedAt
  FROM subscription s JOIN customer c ON c.id = s.customer_id`

/** The customer's subscription, or a clear refusal when there is none. */
export const stateOf = (db: Database.Database, externalId: string): SubscriptionState => {
  const customer = db
    .prepare<[string], { id: number }>('SELECT id FROM customer WHERE external_id = ?')
    .get(externalId)
  if (!customer) throw new AppError('not_found', `There is no customer "${externalId}".`)
  const state = db
    .prepare<[number], SubscriptionState>(`${stateSelect} WHERE s.customer_id = ?`)
    .get(customer.id)
  if (!state) throw new AppError('not_found', `Customer "${externalId}" has no subscription.`)
  return state
}

type TransitionRow = {
  id: number
  subscription_id: number
  from_status: SubscriptionStatus | null
  to_status: SubscriptionStatus
  at: string
  reason: string
  operator: string
}

const toTransition = (row: TransitionRow): SubscriptionTransition => ({
  id: row.id,
  subscriptionId: row.subscription_id,
  from: row.from_status,
  to: row.to_status,
  at: row.at,
  reason: row.reason,
  operator: row.operator,
})

export type TransitionRecord = {
  to: SubscriptionStatus
  at: string
  reason: string
  operator: string
  /** The automation that made a subscription past due, which a payment may undo (0008). */
  cause?: TransitionCause
}

export type TransitionCause = 'overdue' | 'dunning'

/** Why the subscription last became past due, if automation did it: null when a person did. */
export const pastDueCause = (
  db: Database.Database,
  subscriptionId: number,
): TransitionCause | null =>
  db
    .prepare<[number], TransitionCause | null>(
      `SELECT cause FROM subscription_transition WHERE subscription_id = ? AND to_status = 'past_due'
       ORDER BY at DESC, id DESC LIMIT 1`,
    )
    .pluck()
    .get(subscriptionId) ?? null

/**
 * Moves a subscription to `to` (checked against the table), stamps `status_since` and appends the
 * transition row. Auditing is the caller's: a handler through its context, automation on the raw
 * connection.
 */
export const applyTransition = (
  db: Database.Database,
  state: Pick<SubscriptionState, 'id' | 'status'>,
  record: TransitionRecord,
): SubscriptionTransition => {
  assertTransition(state.status, record.to)
  db.prepare('UPDATE subscription SET status = ?, status_since = ? WHERE id = ?').run(
    record.to,
    record.at,
    state.id,
  )
  if (record.to === 'canceled')
    db.prepare('UPDATE subscription SET canceled_at = ? WHERE id = ?').run(record.at, state.id)
  return insertTransition(db, state.id, state.status, record)
}

const insertTransition = (
  db: Database.Database,
  subscriptionId: number,
  from: SubscriptionStatus | null,
  record: TransitionRecord,
): SubscriptionTransition => {
  const id = Number(
    db
      .prepare(
        `INSERT INTO subscription_transition (subscription_id, from_status, to_status, at, reason,
           operator, cause) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        subscriptionId,
        from,
        record.to,
        record.at,
        record.reason,
        record.operator,
        record.cause ?? null,
      ).lastInsertRowid,
  )
  return {
    id,
    subscriptionId,
    from,
    to: record.to,
    at: record.at,
    reason: record.reason,
    operator: record.operator,
  }
}

/**
 * Gives subscriptions created without one (customers:save writes only the status) their
 * `status_since` and a first transition row, dated when the customer was created. Idempotent.
 */
export const recordStarts = (db: Database.Database, operator: string): number => {
  const fresh = db
    .prepare<[], SubscriptionState>(`${stateSelect} WHERE s.status_since IS NULL ORDER BY s.id`)
    .all()
  for (const state of fresh) recordStart(db, state, operator)
  return fresh.length
}

/** The same for one subscription; returns its state with `statusSince` set. */
export const recordStart = (
  db: Database.Database,
  state: SubscriptionState,
  operator: string,
): SubscriptionState => {
  if (state.statusSince !== null) return state
  const start = startOf(db, state, operator)
  db.prepare('UPDATE subscription SET status_since = ? WHERE id = ?').run(start.at, state.id)
  insertTransition(db, state.id, null, start)
  return { ...state, statusSince: start.at }
}

/** The first transition of a subscription, by whoever saved the customer first. */
export const startOf = (
  db: Database.Database,
  state: SubscriptionState,
  fallbackOperator: string,
): TransitionRecord => {
  const creator = db
    .prepare<[string], string>(
      `SELECT operator FROM audit_entry WHERE entity_type = 'customer' AND entity_id = ?
       ORDER BY id LIMIT 1`,
    )
    .pluck()
    .get(state.externalId)
  return {
    to: state.status,
    at: state.customerCreatedAt,
    reason: state.status === 'trialing' ? 'Subscribed, in trial' : 'Subscribed',
    operator: creator ?? fallbackOperator,
  }
}

/** Newest first. */
export const transitionsOf = (
  db: Database.Database,
  subscriptionId: number,
): SubscriptionTransition[] =>
  db
    .prepare<[number], TransitionRow>(
      'SELECT * FROM subscription_transition WHERE subscription_id = ? ORDER BY at DESC, id DESC',
    )
    .all(subscriptionId)
    .map(toTransition)
