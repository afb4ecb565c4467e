import type Database from 'better-sqlite3'
import type { PlanTerms } from '../../src-shared/domain/catalog'
import { AppError } from '../errors'

export type BookEntry = { planId: string; planName: string; version: number; terms: PlanTerms }

type Row = {
  plan_id: string
  name: string
  version: number
  currency: string
  base_price_minor: number
  terms_json: string
}

/**
 * Every published plan version, parsed once per run: a run bills thousands of subscriptions on
 * a handful of versions. Published versions are immutable, so the book cannot go stale.
 */
export class PlanBook {
  readonly #entries = new Map<string, BookEntry>()

  constructor(db: Database.Database) {
    const rows = db
      .prepare<[], Row>(
        `SELECT v.plan_id, p.name, v.version, v.currency, v.base_price_minor, v.terms_json
         FROM plan_version v JOIN plan p ON p.id = v.plan_id WHERE v.status = 'published'`,
      )
      .all()
    for (const row of rows) {
      const stored = JSON.parse(row.terms_json) as Omit<PlanTerms, 'currency' | 'basePriceMinor'>
      this.#entries.set(`${row.plan_id}@${row.version}`, {
        planId: row.plan_id,
        planName: row.name,
        version: row.version,
        terms: { ...stored, currency: row.currency, basePriceMinor: row.base_price_minor },
      })
    }
  }

  get(planId: string, version: number): BookEntry {
    const entry = this.#entries.get(`${planId}@${version}`)
    if (!entry)
      throw new AppError('not_found', `Plan ${planId} has no published version ${version}.`)
    return entry
  }
}
