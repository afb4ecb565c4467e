import type Database from 'better-sqlite3'
import type { CustomerReceivables } from '../../src-shared/domain/upcoming-invoice'
import { dayOf } from '../calendar/business-days'
import { AppError } from '../errors'
import { readSettingsNow } from '../settings/settings-service'
import { owedSql, type Owed } from './money'

/**
 * What one customer owes per currency, and of it what is overdue: the dashboard's receivables
 * (total less credit notes and what was collected) narrowed to them, so both screens agree.
 */
export const customerReceivables = (
  db: Database.Database,
  externalId: string,
  now: Date,
): CustomerReceivables[] => {
  const customer = db
    .prepare<[string], number>('SELECT id FROM customer WHERE external_id = ?')
    .pluck()
    .get(externalId)
  if (customer === undefined) throw new AppError('not_found', `There is no customer ${externalId}.`)
  const today = dayOf(now, readSettingsNow(db).businessTimeZone)
  return db
    .prepare<{ today: string; customer: number }, Owed>(`${owedSql} ORDER BY currency`)
    .all({ today, customer })
}
