import type Database from 'better-sqlite3'
import { AppError } from '../errors'

export type CustomerRef = { id: number; externalId: string; currency: string }

/** The customer a credit or discount belongs to, by the id the clerk knows. */
export const customerRef = (db: Database.Database, externalId: string): CustomerRef => {
  const row = db
    .prepare<[string], CustomerRef>(
      'SELECT id, external_id AS externalId, currency FROM customer WHERE external_id = ?',
    )
    .get(externalId)
  if (!row) throw new AppError('not_found', `There is no customer "${externalId}".`)
  return row
}
