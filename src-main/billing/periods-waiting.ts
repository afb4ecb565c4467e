import type Database from 'better-sqlite3'
import { readSettingsNow } from '../settings/settings-service'
import { periodsToBill } from './period-choice'
import { PlanBook } from './plan-book'
import { loadInvoicedPeriods, loadSubscriptions } from './subscriptions'

/**
 * How many ended periods have no invoice yet, across every subscription: what the next run (or
 * `meterbook tick`) would bill. The catch-up's own choice of periods, without pricing anything.
 */
export const periodsWaiting = (db: Database.Database, now: Date): number => {
  const timeZone = readSettingsNow(db).businessTimeZone
  const book = new PlanBook(db)
  const invoiced = loadInvoicedPeriods(db)
  let waiting = 0
  for (const sub of loadSubscriptions(db)) {
    const seen = invoiced.get(sub.id)
    try {
      for (const choice of periodsToBill(sub, book, { now, timeZone, invoiced: seen })) {
        if (choice.due && !seen?.has(choice.period.start.toISOString())) waiting++
      }
    } catch {
      // A subscription whose periods cannot be worked out is the run's to report, with its reason.
    }
  }
  return waiting
}
