import type Database from 'better-sqlite3'
import type { Customer } from '../../src-shared/domain/customers'
import type { CustomerRow, SubscriptionRow } from '../db/entities/customer'
import type { CustomerChange } from './customer-editing'
import { toCustomer } from './customers'

/**
 * The customers import's SQL on the raw connection: a batch's customers read in one query, and
 * each change written with prepared statements (TypeORM's save costs a millisecond a row).
 */
export type ImportStore = {
  read: (externalIds: readonly string[]) => Map<string, Customer>
  write: (
    externalId: string,
    change: CustomerChange,
    before: Customer | null,
    at: string,
    status: SubscriptionRow['status'],
  ) => { customerId: number; subscriptionId: number | null }
}

type Joined = CustomerRow & {
  subId: number | null
  planId: string | null
  planVersion: number | null
  startDate: string | null
  billingAnchorDay: number | null
  trialEnd: string | null
  status: SubscriptionRow['status'] | null
  billedThrough: string | null
}

/** SQLite's default limit on bound values is 32,766; a batch stays far below it. */
const READ_CHUNK = 500

export const importStore = (db: Database.Database): ImportStore => {
  const readStatements = new Map<number, Database.Statement<string[], Joined>>()
  const readStatement = (n: number): Database.Statement<string[], Joined> => {
    let statement = readStatements.get(n)
    if (!statement) {
      statement = db.prepare<string[], Joined>(
        `SELECT c.id, c.external_id AS externalId, c.name, c.email,
           c.billing_email AS billingEmail, c.currency,
           c.billing_address AS billingAddress, c.tax_region AS taxRegion,
           c.tax_exempt AS taxExempt, c.notes, c.overrides_json AS overridesJson,
           c.created_at AS createdAt, c.updated_at AS updatedAt,
           s.id AS subId, s.plan_id AS planId, s.plan_version AS planVersion,
           s.start_date AS startDate, s.billing_anchor_day AS billingAnchorDay,
           s.trial_end AS trialEnd, s.status, s.billed_through AS billedThrough
         FROM customer c LEFT JOIN subscription s ON s.customer_id = c.id
         WHERE c.external_id IN (${Array.from({ length: n }, () => '?').join(', ')})`,
      )
      readStatements.set(n, statement)
    }
    return statement
  }
  const insertCustomer = db.prepare(
    `INSERT INTO customer (external_id, name, email, billing_email, currency, billing_address,
       tax_region, tax_exempt, notes, overrides_json, created_at, updated_at)
     VALUES (@externalId, @name, @email, @billingEmail, @currency, @billingAddress, @taxRegion, @taxExempt,
       @notes, @overridesJson, @at, @at)`,
  )
  const updateCustomer = db.prepare(
    `UPDATE customer SET name = @name, email = @email, billing_email = @billingEmail,
       currency = @currency,
       billing_address = @billingAddress, tax_region = @taxRegion, tax_exempt = @taxExempt,
       notes = @notes, overrides_json = @overridesJson, updated_at = @at
     WHERE id = @id`,
  )
  const insertSubscription = db.prepare(
    `INSERT INTO subscription (customer_id, plan_id, plan_version, start_date, billing_anchor_day,
       trial_end, status, billed_through)
     VALUES (@customerId, @planId, @planVersion, @startDate, @billingAnchorDay, @trialEnd,
       @status, NULL)`,
  )
  const updateSubscription = db.prepare(
    `UPDATE subscription SET plan_id = @planId, plan_version = @planVersion,
       start_date = @startDate, billing_anchor_day = @billingAnchorDay, trial_end = @trialEnd
     WHERE id = @id`,
  )

  return {
    read: (externalIds) => {
      const found = new Map<string, Customer>()
      for (let at = 0; at < externalIds.length; at += READ_CHUNK) {
        const ids = externalIds.slice(at, at + READ_CHUNK)
        for (const row of readStatement(ids.length).all(...ids)) {
          const sub: SubscriptionRow | null =
            row.subId === null
              ? null
              : {
                  id: row.subId,
                  customerId: row.id,
                  planId: row.planId ?? '',
                  planVersion: row.planVersion ?? 0,
                  startDate: row.startDate ?? '',
                  billingAnchorDay: row.billingAnchorDay ?? 1,
                  trialEnd: row.trialEnd,
                  status: row.status ?? 'active',
                  billedThrough: row.billedThrough,
                }
          found.set(row.externalId, toCustomer(row, sub))
        }
      }
      return found
    },
    write: (externalId, change, before, at, status) => {
      const customerId = before
        ? (updateCustomer.run({ ...change.fields, at, id: before.id }), before.id)
        : Number(insertCustomer.run({ ...change.fields, externalId, at }).lastInsertRowid)
      const sub = change.subscription
      if (!sub) return { customerId, subscriptionId: before?.subscription?.id ?? null }
      const current = before?.subscription
      if (current) {
        const same =
          sub.planId === current.planId &&
          sub.planVersion === current.planVersion &&
          sub.startDate === current.startDate &&
          sub.billingAnchorDay === current.billingAnchorDay &&
          sub.trialEnd === current.trialEnd
        if (!same) updateSubscription.run({ ...sub, id: current.id })
        return { customerId, subscriptionId: current.id }
      }
      const inserted = insertSubscription.run({ ...sub, customerId, status })
      return { customerId, subscriptionId: Number(inserted.lastInsertRowid) }
    },
  }
}
